/** The city's staff: the five personas, then the rest of the DX division, facilitators and employees. */
import { at } from './dates'
import { drawName } from './names'
import { DEMO_PERSONAS, DX_DIVISION_DEPARTMENT, type PersonaKey } from './personas'
import type { Random } from './random'
import type { DemoCity, DemoReference, Row } from './types'

export interface Employee {
  id: string
  departmentCode: string
  supervisory: boolean
  appRole: 'employee' | 'facilitator' | 'dx_admin'
  candidate: boolean
  persona: PersonaKey | null
}

export interface People {
  employees: Employee[]
  /** Every facilitator's id, the persona's too. */
  facilitators: string[]
  /** Employees who are not personas. */
  staff: Employee[]
  /** The FY2026 leader candidates among the staff. */
  candidates: Employee[]
}

export const personaId = (key: PersonaKey) => DEMO_PERSONAS.find((p) => p.key === key)?.id ?? ''

function gradeMix(grades: DemoReference['grades']): string[] {
  // Rough shape of a city hall: many 主事/主任, fewer 係長 and above.
  const weights = [8, 25, 22, 10, 15, 8, 8, 2, 2]
  const byRank = [...grades].sort((a, b) => a.rank - b.rank)
  return byRank.flatMap((grade, i) => Array<string>(weights[i] ?? 2).fill(grade.code))
}

/** Adds `total` people (personas first, with the lowest employee numbers) to the city's users and profiles. */
export function addPeople(city: DemoCity, reference: DemoReference, random: Random, total: number): People {
  const supervisoryOf = new Map(reference.grades.map((g) => [g.code, g.supervisory]))
  const departments = reference.departments.filter((code) => code !== DX_DIVISION_DEPARTMENT)
  const dxDepartment = reference.departments.includes(DX_DIVISION_DEPARTMENT)
    ? DX_DIVISION_DEPARTMENT
    : (reference.departments[0] ?? null)
  const gradePool = gradeMix(reference.grades)
  const employees: Employee[] = []
  const addEmployee = (profile: Row & { id: string }, email: string, persona: PersonaKey | null) => {
    city.users.push({
      id: profile.id,
      email,
      raw_app_meta_data: { provider: 'email', providers: ['email'] },
      raw_user_meta_data: { full_name: profile.full_name },
      created_at: at('2026-04-01', 8, 30),
    })
    city.profiles.push({ ...profile, created_at: at('2026-04-01', 8, 30) })
    employees.push({
      id: profile.id,
      departmentCode: String(profile.department_code),
      supervisory: supervisoryOf.get(String(profile.position_grade_code)) ?? false,
      appRole: profile.app_role as Employee['appRole'],
      candidate: profile.leader_candidacy_fy !== null,
      persona,
    })
  }
  for (const p of DEMO_PERSONAS) {
    addEmployee(
      {
        id: p.id,
        employee_number: p.employeeNumber,
        full_name: p.fullName,
        full_name_kana: p.fullNameKana,
        department_code: reference.departments.includes(p.departmentCode) ? p.departmentCode : dxDepartment,
        position_grade_code: supervisoryOf.has(p.positionGradeCode) ? p.positionGradeCode : null,
        app_role: p.appRole,
        leader_candidacy_fy: p.leaderCandidacyFy,
        leader_candidacy_method: p.leaderCandidacyMethod,
      },
      p.email,
      p.key,
    )
  }
  const others = total - DEMO_PERSONAS.length
  for (let i = 0; i < others; i += 1) {
    const number = String(100001 + i)
    // The first few: the rest of the DX division (dx_admin), then three more facilitators.
    const dxDivision = i < 5
    const facilitator = !dxDivision && i < 8
    const grade = dxDivision
      ? random.pick(['shuji', 'shunin', 'fukushukan', 'kakaricho'])
      : random.pick(gradePool)
    const supervisory = supervisoryOf.get(grade) ?? false
    // About 45 FY2026 candidates: volunteers of any grade, and nominees.
    const candidate = !dxDivision && !facilitator && random.chance(supervisory ? 0.1 : 0.17)
    const { fullName, fullNameKana } = drawName(random)
    addEmployee(
      {
        id: random.uuid(),
        employee_number: number,
        full_name: fullName,
        full_name_kana: fullNameKana,
        department_code: dxDivision ? dxDepartment : (departments[i % departments.length] ?? dxDepartment),
        position_grade_code: grade,
        app_role: dxDivision ? 'dx_admin' : facilitator ? 'facilitator' : 'employee',
        leader_candidacy_fy: candidate ? 2026 : null,
        leader_candidacy_method: candidate ? (random.chance(0.6) ? 'volunteered' : 'nominated') : null,
      },
      `e${number}@demo.dx-passport.invalid`,
      null,
    )
  }
  const staff = employees.filter((e) => e.appRole === 'employee' && e.persona === null)
  return {
    employees,
    facilitators: employees.filter((e) => e.appRole === 'facilitator').map((e) => e.id),
    staff,
    candidates: staff.filter((e) => e.candidate),
  }
}
