import { computed, type ComputedRef } from 'vue'
import {
  db,
  type CertificationRuleRow,
  type DepartmentRow,
  type DxRoleRow,
  type KnowledgeAreaRow,
  type PositionGradeRow,
  type TrainingKindRow,
  type TrainingRow,
} from '@/data'
import { useLiveQuery } from './useLiveQuery'

export interface DivisionReference {
  areas: KnowledgeAreaRow[]
  roles: DxRoleRow[]
  departments: DepartmentRow[]
  grades: PositionGradeRow[]
  kinds: TrainingKindRow[]
  rules: CertificationRuleRow[]
  trainings: TrainingRow[]
}

const EMPTY: DivisionReference = {
  areas: [],
  roles: [],
  departments: [],
  grades: [],
  kinds: [],
  rules: [],
  trainings: [],
}

export interface UseDivisionReferenceReturn {
  reference: ComputedRef<DivisionReference>
  areaName: (code: string) => string
  roleName: (code: string) => string
  departmentName: (code: string | null) => string
  gradeName: (code: string | null) => string
  kindName: (code: string) => string
  ruleName: (code: string) => string
}

/**
 * The plan's names (areas, roles, departments, grades, training kinds, rules) and the trainings, from
 * the replica: the aggregates answer with codes, the screens show names.
 */
export function useDivisionReference(locale: () => 'ja' | 'en' = () => 'ja'): UseDivisionReferenceReturn {
  const { data } = useLiveQuery(
    async (): Promise<DivisionReference> => {
      const [areas, roles, departments, grades, kinds, rules, trainings] = await Promise.all([
        db.replica('knowledge_areas').toArray(),
        db.replica('dx_roles').toArray(),
        db.replica('departments').toArray(),
        db.replica('position_grades').toArray(),
        db.replica('training_kinds').toArray(),
        db.replica('certification_rules').toArray(),
        db.replica('trainings').toArray(),
      ])
      const bySort = <T extends { sort_order: number }>(rows: T[]) =>
        rows.sort((a, b) => a.sort_order - b.sort_order)
      return {
        areas: bySort(areas),
        roles: bySort(roles),
        departments: bySort(departments),
        grades: grades.sort((a, b) => a.rank - b.rank),
        kinds: bySort(kinds),
        rules: bySort(rules),
        trainings: trainings.sort(
          (a, b) => b.fiscal_year - a.fiscal_year || a.title.localeCompare(b.title, 'ja'),
        ),
      }
    },
    { initialValue: EMPTY },
  )
  const reference = computed(() => data.value)
  const named = <T extends { name: string; name_en?: string }>(rows: () => T[], key: (row: T) => string) => {
    const map = computed(() => new Map(rows().map((row) => [key(row), row])))
    return (code: string | null) => {
      if (code === null) return ''
      const row = map.value.get(code)
      if (!row) return code
      return locale() === 'en' && row.name_en ? row.name_en : row.name
    }
  }
  const areaName = named(
    () => reference.value.areas,
    (r) => r.code,
  )
  const roleName = named(
    () => reference.value.roles,
    (r) => r.code,
  )
  const departmentName = named(
    () => reference.value.departments,
    (r) => r.code,
  )
  const gradeName = named(
    () => reference.value.grades,
    (r) => r.code,
  )
  const kindName = named(
    () => reference.value.kinds,
    (r) => r.code,
  )
  const ruleName = named(
    () => reference.value.rules,
    (r) => r.code,
  )
  return {
    reference,
    areaName: (code) => areaName(code),
    roleName: (code) => roleName(code),
    departmentName,
    gradeName,
    kindName: (code) => kindName(code),
    ruleName: (code) => ruleName(code),
  }
}
