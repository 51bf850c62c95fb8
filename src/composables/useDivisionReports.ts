import { type MaybeRefOrGetter, toValue } from 'vue'
import { useAuthStore } from '@/stores/auth'
import type { DivisionEmployee } from '@/contract'
import { classifyDivisionFailure, useDivisionRpc, type DivisionFailure } from './useDivisionRpc'

export type * from '@/contract'

/** Certified leaders per FY against the plan's targets, the pipeline and the projection. */
export function useLeaderTargets() {
  return useDivisionRpc('division_leader_targets', {})
}

/** Departments using information systems, covered by a leader or not (null FY: the current one). */
export function useDepartmentCoverage(fiscalYear: MaybeRefOrGetter<number | null> = null) {
  return useDivisionRpc('division_department_coverage', () => {
    const fy = toValue(fiscalYear)
    return fy === null ? {} : { fiscal_year: fy }
  })
}

/** Completion of the required areas by role and by department, and the monthly trend. */
export function useKnowledgeAreaCompletion(fiscalYear: MaybeRefOrGetter<number | null> = null) {
  return useDivisionRpc('division_knowledge_areas', () => {
    const fy = toValue(fiscalYear)
    return fy === null ? {} : { fiscal_year: fy }
  })
}

/** One training's effect: its total and each session (nothing is asked while no training is chosen). */
export function useTrainingEffect(trainingId: MaybeRefOrGetter<string | null>) {
  return useDivisionRpc('division_training_effect', () => {
    const id = toValue(trainingId)
    return id ? { training_id: id } : null
  })
}

/** The trainings of one kind side by side (no free text). */
export function useTrainingComparison(kind: MaybeRefOrGetter<string | null>) {
  return useDivisionRpc('division_training_comparison', () => {
    const k = toValue(kind)
    return k ? { training_kind: k } : null
  })
}

/** The certification work queue: every candidate without an active certification, ready first. */
export function useCertificationQueue() {
  return useDivisionRpc('division_certification_queue', {})
}

/** Active certifications, for revoking (`division_certified_leaders`, asked of the server; see README). */
export function useCertifiedLeaders() {
  return useDivisionRpc('division_certified_leaders', {})
}

/** Who may run a session (`division_facilitators`): the session editor's choices, the last seen kept offline. */
export function useSessionFacilitators() {
  return useDivisionRpc('division_facilitators', {})
}

export type EmployeeLookup =
  { ok: true; employee: DivisionEmployee | null } | { ok: false; failure: DivisionFailure }

/**
 * Finds an employee by number for a nomination (`division_find_employee`, asked of the server). A
 * server without the function says so rather than failing silently.
 */
export async function lookUpEmployee(employeeNumber: string): Promise<EmployeeLookup> {
  const backend = useAuthStore().backend
  if (!backend) return { ok: false, failure: { kind: 'offline' } }
  try {
    return {
      ok: true,
      employee: await backend.call('division_find_employee', { employee_number: employeeNumber }),
    }
  } catch (error) {
    return { ok: false, failure: classifyDivisionFailure(error) }
  }
}
