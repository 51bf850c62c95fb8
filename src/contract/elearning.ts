// The DX division's e-learning completion import (online only): import_elearning_completions(...),
// admin_elearning_reports(). supabase/README.md, "E-learning completions".
import * as v from 'valibot'
import { DirectoryRowErrorSchema } from './directory'
import { DxpErrorCodeSchema } from './errors'

/** What the import did (or, in a preview, would do) with the file's rows. */
export const ElearningImportCountsSchema = v.object({
  rows: v.number(),
  created: v.number(),
  /** Reports awaiting confirmation that the file confirms. */
  confirmed: v.number(),
  /** Completions already there with another date. */
  changed: v.number(),
  unchanged: v.number(),
  /** Rows of courses the plan does not count. */
  skipped: v.number(),
})
export type ElearningImportCounts = v.InferOutput<typeof ElearningImportCountsSchema>

/** A course of the file, its rows, and its areas (null: not mapped yet; []: not counted). */
export const ElearningFileCourseSchema = v.object({
  course: v.string(),
  rows: v.number(),
  area_codes: v.nullable(v.array(v.string())),
})
export type ElearningFileCourse = v.InferOutput<typeof ElearningFileCourseSchema>

/**
 * `preview`: nothing written, `errors` and `counts` say what an import would find and do. `refused`
 * (DXP170): nothing written. `applied`: written in one transaction. `duplicate`: this import_id was applied before.
 */
export const ElearningImportResultSchema = v.object({
  status: v.picklist(['preview', 'applied', 'refused', 'duplicate']),
  code: v.nullable(DxpErrorCodeSchema),
  message: v.nullable(v.string()),
  // Row errors have the directory import's shape: {row, field, code, message}.
  errors: v.array(DirectoryRowErrorSchema),
  counts: v.nullable(ElearningImportCountsSchema),
  courses: v.array(ElearningFileCourseSchema),
})
export type ElearningImportResult = v.InferOutput<typeof ElearningImportResultSchema>

/** One report awaiting the division's confirmation. */
export const ElearningReportSchema = v.object({
  id: v.string(),
  employee_id: v.string(),
  employee_number: v.string(),
  full_name: v.string(),
  session_id: v.string(),
  training_title: v.string(),
  fiscal_year: v.number(),
  course: v.string(),
  completed_on: v.string(),
  reported_at: v.string(),
  area_codes: v.nullable(v.array(v.string())),
})
export type ElearningReport = v.InferOutput<typeof ElearningReportSchema>
