/**
 * The registrations decided up front, placed before the random ones: the personas' (a training
 * attended with its survey answered, another still to answer, a seat, a waitlist place, a no-show)
 * and the leaders' (a workshop and the e-learning attended).
 */
import type { Leaders } from './certification'
import { personaId } from './people'
import type { SessionPlan } from './sessions'
import { ANONYMOUS_TEMPLATE_ID } from './survey-templates'

export interface Forced {
  employeeId: string
  outcome: 'attended' | 'no_show' | 'confirmed' | 'waitlisted'
  survey?: boolean
}

export interface PinnedRegistrations {
  /** session id → its pinned registrations, in order */
  forced: Map<string, Forced[]>
  /** The future workshop that is full, with the manager persona on its waitlist. */
  fullFuture: SessionPlan | undefined
}

export function pinRegistrations(plans: readonly SessionPlan[], leaders: Leaders): PinnedRegistrations {
  const forced = new Map<string, Forced[]>()
  const force = (plan: SessionPlan | undefined, entry: Forced) => {
    if (!plan) return
    forced.set(String(plan.row.id), [...(forced.get(String(plan.row.id)) ?? []), entry])
  }
  const nonElearning = plans.filter((p) => p.training.kind !== 'elearning' && p.training.fiscalYear === 2026)
  const pastWorkshops = nonElearning.filter((p) => p.past && p.training.kind === 'workshop')
  const pastStandardWorkshops = pastWorkshops.filter((p) => p.templateId !== ANONYMOUS_TEMPLATE_ID)
  const pastTrainings = nonElearning.filter((p) => p.past && p.training.kind === 'dx_training')
  const future = nonElearning.filter((p) => !p.past)
  const elearning2026 = plans.find((p) => p.training.kind === 'elearning' && p.training.fiscalYear === 2026)

  force(pastTrainings[0], { employeeId: personaId('promoter'), outcome: 'attended', survey: true })
  // A training the promoter attended but has not answered the survey of yet (効果測定アンケート 回答待ち).
  force(
    pastTrainings.find((p) => p.trainingId !== pastTrainings[0]?.trainingId),
    { employeeId: personaId('promoter'), outcome: 'attended' },
  )
  force(
    future.find((p) => p.training.kind === 'workshop'),
    {
      employeeId: personaId('promoter'),
      outcome: 'confirmed',
    },
  )
  force(pastTrainings[1] ?? pastTrainings[0], {
    employeeId: personaId('manager'),
    outcome: 'attended',
    survey: true,
  })
  force(pastWorkshops.at(-1), { employeeId: personaId('manager'), outcome: 'no_show' })
  const fullFuture = future.filter((p) => p.training.kind === 'workshop').at(-1)
  force(fullFuture, { employeeId: personaId('manager'), outcome: 'waitlisted' })
  // A persona holding a seat there, so a journey can free it and see the waitlist move up.
  force(fullFuture, { employeeId: personaId('leader_candidate'), outcome: 'confirmed' })
  force(pastStandardWorkshops[0], {
    employeeId: personaId('leader_candidate'),
    outcome: 'attended',
    survey: true,
  })
  // The e-learning done (its areas with it), so what the candidate still lacks is two areas they can
  // record themselves: a journey can take them to the DX division's decision in the app.
  force(elearning2026, { employeeId: personaId('leader_candidate'), outcome: 'attended' })
  ;[...leaders.certified, ...leaders.readyToCertify].forEach((id, i) => {
    force(pastWorkshops[i % Math.max(pastWorkshops.length, 1)], {
      employeeId: id,
      outcome: 'attended',
      survey: true,
    })
    force(elearning2026, { employeeId: id, outcome: 'attended' })
  })
  return { forced, fullFuture }
}
