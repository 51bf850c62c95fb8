/**
 * Every RPC the app calls, by name: what it takes and what it answers. `backend.call(name, args)`
 * checks the answer against `result`, so a screen never renders a shape it cannot read; objects are
 * not strict, so a later server may add fields.
 */
import * as v from 'valibot'
import type { DirectoryImportRow } from '@/domain/directory-import'
import type { ElearningImportRow, PersonKey } from '@/domain/elearning-import'
import {
  CertificationQueueSchema,
  CertifiedLeadersSchema,
  DepartmentCoverageSchema,
  DivisionEmployeeSchema,
  FacilitatorsSchema,
  KnowledgeAreasSchema,
  LeaderTargetsSchema,
  TrainingComparisonSchema,
  TrainingEffectSchema,
} from './division'
import { DirectoryEntrySchema, DirectoryImportResultSchema } from './directory'
import { ElearningImportResultSchema, ElearningReportSchema } from './elearning'
import { SessionEffectSummarySchema } from './effect'
import { PullDocumentSchema, type PullArgs } from './pull'
import { PushResponseSchema, type Mutation } from './push'
import { AttendeeLookupSchema, RosterSchema } from './roster'

type FiscalYearArgs = { fiscal_year?: number }

/** Name → [arguments, answer schema]. The arguments are a type only: each caller builds them typed. */
export const RPCS = {
  sync_push: { result: PushResponseSchema, args: {} as { mutations: Mutation[] } },
  sync_pull: { result: PullDocumentSchema, args: {} as PullArgs },
  session_roster: { result: RosterSchema, args: {} as { session_id: string } },
  find_employee: {
    result: AttendeeLookupSchema,
    args: {} as { session_id: string; employee_number: string },
  },
  session_effect_summary: { result: SessionEffectSummarySchema, args: {} as { session_id: string } },
  admin_directory: { result: v.array(DirectoryEntrySchema), args: {} as Record<string, never> },
  import_directory: {
    result: DirectoryImportResultSchema,
    args: {} as { import_id: string; rows: readonly DirectoryImportRow[] },
  },
  import_elearning_completions: {
    result: ElearningImportResultSchema,
    args: {} as {
      import_id: string
      session_id: string
      person_key: PersonKey
      /** Course → area codes set on the screen ([]: not counted); saved with an applied import. */
      courses: Readonly<Record<string, readonly string[]>>
      rows: readonly ElearningImportRow[]
      /** false: the preview, which writes nothing. */
      apply: boolean
    },
  },
  admin_elearning_reports: { result: v.array(ElearningReportSchema), args: {} as Record<string, never> },
  division_leader_targets: { result: LeaderTargetsSchema, args: {} as Record<string, never> },
  division_department_coverage: { result: DepartmentCoverageSchema, args: {} as FiscalYearArgs },
  division_knowledge_areas: { result: KnowledgeAreasSchema, args: {} as FiscalYearArgs },
  division_training_effect: { result: TrainingEffectSchema, args: {} as { training_id: string } },
  division_training_comparison: { result: TrainingComparisonSchema, args: {} as { training_kind: string } },
  division_certification_queue: { result: CertificationQueueSchema, args: {} as Record<string, never> },
  division_certified_leaders: { result: CertifiedLeadersSchema, args: {} as Record<string, never> },
  division_facilitators: { result: FacilitatorsSchema, args: {} as Record<string, never> },
  division_find_employee: {
    result: v.nullable(DivisionEmployeeSchema),
    args: {} as { employee_number: string },
  },
} as const satisfies Record<string, { result: v.GenericSchema; args: object }>

export type RpcName = keyof typeof RPCS
export type RpcArgs<N extends RpcName> = (typeof RPCS)[N]['args']
export type RpcResult<N extends RpcName> = v.InferOutput<(typeof RPCS)[N]['result']>
