import { computed, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import {
  areaProgress,
  chooseNextSteps,
  dxRolesOf,
  requiredAreas,
  roleCodesOf,
  summarizeProgress,
  tokyoDateOf,
  type AreaProgress,
  type DxRoleCode,
  type DxRoles,
  type NextStep,
  type ProgressSummary,
} from '@/domain'
import {
  db,
  type CertificationRow,
  type DxRoleRow,
  type KnowledgeAreaRow,
  type LearningRecordRow,
  type PositionGradeRow,
  type ProfileRow,
  type RoleRequirementRow,
} from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'

export interface MyRole {
  code: DxRoleCode
  /** The dx_roles row (name, definition, duties); absent while reference data is not synced. */
  row: DxRoleRow | undefined
  /** True for the leader role held as a candidate, not yet certified. */
  candidate: boolean
}

export interface MyProgressArea extends AreaProgress {
  area: KnowledgeAreaRow
}

export interface UseMyProgressReturn {
  /** 'loading' until the first read; 'empty' until the first pull brought areas and the profile. */
  state: ComputedRef<'loading' | 'empty' | 'ready'>
  profile: ComputedRef<ProfileRow | undefined>
  grade: ComputedRef<PositionGradeRow | undefined>
  roles: ComputedRef<DxRoles | null>
  myRoles: ComputedRef<MyRole[]>
  areas: ComputedRef<MyProgressArea[]>
  summary: ComputedRef<ProgressSummary>
  nextSteps: ComputedRef<NextStep[]>
  /** All of the user's records (any area), as the replica holds them (pending ones included). */
  records: ComputedRef<LearningRecordRow[]>
}

interface Snapshot {
  profile: ProfileRow | undefined
  grades: PositionGradeRow[]
  dxRoles: DxRoleRow[]
  areas: KnowledgeAreaRow[]
  requirements: RoleRequirementRow[]
  records: LearningRecordRow[]
  certifications: CertificationRow[]
  upcomingSessionByArea: Map<string, string>
}

/** The soonest session still open for registration per area (scheduled, deadline ahead). */
async function upcomingSessionByArea(now: Date): Promise<Map<string, string>> {
  // Timestamps may carry any offset, so the index only narrows (a day of margin) and Date.parse decides.
  const coarse = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString()
  const sessions = await db.replica('sessions').where('starts_at').above(coarse).toArray()
  const open = sessions
    .filter(
      (s) =>
        s.status === 'scheduled' &&
        Date.parse(s.starts_at) > now.getTime() &&
        Date.parse(s.registration_deadline) > now.getTime(),
    )
    .sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at))
  const byTraining = new Map<string, string>()
  for (const session of open)
    if (!byTraining.has(session.training_id)) byTraining.set(session.training_id, session.id)
  const links = await db
    .replica('training_areas')
    .where('training_id')
    .anyOf([...byTraining.keys()])
    .toArray()
  const starts = new Map(open.map((s) => [s.id, s.starts_at]))
  const result = new Map<string, string>()
  for (const link of links) {
    const sessionId = byTraining.get(link.training_id)
    if (!sessionId) continue
    const current = result.get(link.area_code)
    const soonest =
      current === undefined || Date.parse(starts.get(sessionId) ?? '') < Date.parse(starts.get(current) ?? '')
    if (soonest) result.set(link.area_code, sessionId)
  }
  return result
}

/**
 * The signed-in person's DX role(s), what the plan asks of them and their progress in each of the
 * nine areas, from the replica: it works offline and follows every new record at once.
 */
export function useMyProgress(): UseMyProgressReturn {
  const { userId } = storeToRefs(useAuthStore())

  const { data, isLoading } = useLiveQuery<Snapshot | null, null>(
    async () => {
      const uid = userId.value
      if (!uid) return null
      const [profile, grades, dxRoles, areas, requirements, records, certifications, upcoming] =
        await Promise.all([
          db.replica('profiles').get(uid),
          db.replica('position_grades').toArray(),
          db.replica('dx_roles').orderBy('sort_order').toArray(),
          db.replica('knowledge_areas').orderBy('sort_order').toArray(),
          db.replica('role_requirements').toArray(),
          db.replica('learning_records').where('employee_id').equals(uid).toArray(),
          db.replica('certifications').where('employee_id').equals(uid).toArray(),
          upcomingSessionByArea(new Date()),
        ])
      return {
        profile,
        grades,
        dxRoles,
        areas,
        requirements,
        records,
        certifications,
        upcomingSessionByArea: upcoming,
      }
    },
    { deps: userId, initialValue: null },
  )

  const snapshot = computed(() => data.value)
  const profile = computed(() => snapshot.value?.profile)
  const grade = computed(() =>
    snapshot.value?.grades.find((g) => g.code === profile.value?.position_grade_code),
  )

  const state = computed(() => {
    if (isLoading.value && !snapshot.value) return 'loading'
    const s = snapshot.value
    return s && s.profile && s.areas.length > 0 ? 'ready' : 'empty'
  })

  const roles = computed<DxRoles | null>(() => {
    const s = snapshot.value
    return s?.profile ? dxRolesOf(s.profile, s.certifications, s.grades) : null
  })

  const myRoles = computed<MyRole[]>(() => {
    const r = roles.value
    if (!r) return []
    return roleCodesOf(r).map((code) => ({
      code,
      row: snapshot.value?.dxRoles.find((row) => row.code === code),
      candidate: code === 'leader' && r.leader === 'candidate',
    }))
  })

  const areas = computed<MyProgressArea[]>(() => {
    const s = snapshot.value
    if (!s) return []
    const required = roles.value
      ? requiredAreas(roleCodesOf(roles.value), {
          knowledgeAreas: s.areas,
          roleRequirements: s.requirements,
        }).map((a) => a.code)
      : []
    const progress = areaProgress(s.areas, required, s.records, tokyoDateOf(new Date()))
    const byCode = new Map(s.areas.map((a) => [a.code, a]))
    return progress.flatMap((p) => {
      const area = byCode.get(p.areaCode)
      return area ? [{ ...p, area }] : []
    })
  })

  const summary = computed(() => summarizeProgress(areas.value))
  const nextSteps = computed(() =>
    chooseNextSteps(areas.value, {
      upcomingSessionByArea: snapshot.value?.upcomingSessionByArea,
      leaderCandidate: myRoles.value.some((role) => role.candidate),
    }),
  )
  const records = computed(() => snapshot.value?.records ?? [])

  return { state, profile, grade, roles, myRoles, areas, summary, nextSteps, records }
}
