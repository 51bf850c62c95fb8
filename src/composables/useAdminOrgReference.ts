import { db, type DepartmentRow, type PositionGradeRow } from '@/data'
import { useLiveQuery, type UseLiveQueryReturn } from './useLiveQuery'

export interface UseAdminOrgReferenceReturn {
  departments: UseLiveQueryReturn<DepartmentRow[], DepartmentRow[]>['data']
  positionGrades: UseLiveQueryReturn<PositionGradeRow[], PositionGradeRow[]>['data']
}

/** The city's departments (by sort order) and grades (by rank), from the replica: offline too. */
export function useAdminOrgReference(): UseAdminOrgReferenceReturn {
  const { data: departments } = useLiveQuery(
    () => db.replica('departments').orderBy('sort_order').toArray(),
    {
      initialValue: [] as DepartmentRow[],
    },
  )
  const { data: positionGrades } = useLiveQuery(
    () => db.replica('position_grades').orderBy('rank').toArray(),
    {
      initialValue: [] as PositionGradeRow[],
    },
  )
  return { departments, positionGrades }
}
