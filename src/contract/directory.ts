// The DX division's directory import (online only): import_directory(import_id, rows), admin_directory().
import * as v from 'valibot'
import { DxpErrorCodeSchema } from './errors'

export const DirectoryRowErrorSchema = v.object({
  row: v.number(),
  field: v.string(),
  code: DxpErrorCodeSchema,
  message: v.string(),
})

export const DirectoryImportCountsSchema = v.object({
  rows: v.number(),
  created: v.number(),
  updated: v.number(),
  unchanged: v.number(),
  left: v.number(),
  invited: v.number(),
})
export type DirectoryImportCounts = v.InferOutput<typeof DirectoryImportCountsSchema>

/** `refused` (DXP102): nothing written, `errors` says why; `duplicate`: this import_id was applied before. */
export const DirectoryImportResultSchema = v.object({
  status: v.picklist(['applied', 'refused', 'duplicate']),
  code: v.nullable(DxpErrorCodeSchema),
  message: v.nullable(v.string()),
  errors: v.array(DirectoryRowErrorSchema),
  counts: v.nullable(DirectoryImportCountsSchema),
})
export type DirectoryImportResult = v.InferOutput<typeof DirectoryImportResultSchema>

/** One person of admin_directory (the DX division's online read of every profile). */
export const DirectoryEntrySchema = v.object({
  id: v.string(),
  employee_number: v.string(),
  full_name: v.string(),
  full_name_kana: v.string(),
  department_code: v.nullable(v.string()),
  position_grade_code: v.nullable(v.string()),
  email: v.nullable(v.string()),
  app_role: v.picklist(['employee', 'facilitator', 'dx_admin']),
  left_on: v.nullable(v.string()),
})
export type DirectoryEntry = v.InferOutput<typeof DirectoryEntrySchema>
