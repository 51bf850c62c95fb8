/** The survey templates the trainings use, and attendees' answers: after the session, and the follow-up. */
import { addDays, at, randomWeekday } from './dates'
import type { Random } from './random'
import type { SessionPlan } from './sessions'
import { ANONYMOUS_TEMPLATE, ANONYMOUS_TEMPLATE_ID, STANDARD_TEMPLATE_ID } from './survey-templates'
import { FREE_TEXT } from './texts'
import type { DemoCity, DemoReference, Row, SurveyQuestion } from './types'

export interface SurveyWriter {
  /** An attendee answers the session's survey (and maybe its follow-up later); nothing without a template. */
  answer(plan: SessionPlan, employeeId: string, areas: readonly string[]): void
}

/**
 * Writes the anonymous template (where the seed has the standard one) and returns the writer of
 * answers. Follow-ups draw from their own stream, so adding them left the rest of the city as it was.
 */
export function createSurveyWriter(
  city: DemoCity,
  reference: DemoReference,
  random: Random,
  followUpRandom: Random,
  today: string,
): SurveyWriter {
  if (reference.standardQuestions) {
    city.surveyTemplates.push({
      ...ANONYMOUS_TEMPLATE,
      questions: ANONYMOUS_TEMPLATE.questions,
      created_at: at('2026-04-01', 9),
    })
  }
  const questionsOf = new Map<string, readonly SurveyQuestion[]>()
  if (reference.standardQuestions) {
    questionsOf.set(STANDARD_TEMPLATE_ID, reference.standardQuestions)
    questionsOf.set(ANONYMOUS_TEMPLATE_ID, ANONYMOUS_TEMPLATE.questions)
  }
  const boxes = new Map<string, Row & { answers: Row[] }>()
  /**
   * An anonymous answer goes into its ballot box, as submit_survey puts it (20260401001400): bare
   * answers, kept in the order of their text, so that the order says nothing about who answered.
   */
  function cast(sessionId: string, templateId: string | null, phase: string, answers: Row): void {
    const key = `${sessionId}|${templateId}|${phase}`
    let box = boxes.get(key)
    if (!box) {
      box = { session_id: sessionId, template_id: templateId, phase, answers: [] }
      boxes.set(key, box)
      city.surveyBallotBoxes.push(box)
    }
    const text = JSON.stringify(answers)
    const at = box.answers.findIndex((other) => JSON.stringify(other) > text)
    box.answers.splice(at < 0 ? box.answers.length : at, 0, answers)
  }
  return {
    answer(plan, employeeId, areas) {
      const sessionId = String(plan.row.id)
      const questions = plan.templateId ? questionsOf.get(plan.templateId) : undefined
      if (!questions || plan.training.kind === 'elearning') return
      const anonymous = plan.templateId === ANONYMOUS_TEMPLATE_ID
      const onTablet = !anonymous && random.chance(0.3)
      const collectedAt = new Date(
        Date.parse(String(plan.row.ends_at)) + random.int(1, 90) * 60_000,
      ).toISOString()
      // Drawn for an anonymous answer too, though not kept: the stream's later draws stay where they were.
      const responseId = random.uuid()
      const postAnswers = surveyAnswers(random, questions, areas)
      if (anonymous) {
        cast(sessionId, plan.templateId, 'post', postAnswers)
      } else {
        city.surveyResponses.push({
          id: responseId,
          template_id: plan.templateId,
          session_id: sessionId,
          respondent_id: employeeId,
          answers: postAnswers,
          collected_by: onTablet ? plan.facilitatorId : employeeId,
          collected_device: onTablet ? '会場の共用タブレット' : null,
          collected_at: collectedAt,
          submitted_at: collectedAt,
          phase: 'post',
        })
      }
      // The follow-up, where the template asks for one and it has been due for a while: some answer it.
      const followUpWeeks = anonymous ? ANONYMOUS_TEMPLATE.follow_up_weeks : null
      const followUpDue = followUpWeeks
        ? addDays(String(plan.row.starts_at).slice(0, 10), followUpWeeks * 7)
        : null
      const followUpQuestions = reference.followUpQuestions
      const answeredFollowUp =
        followUpDue !== null &&
        followUpQuestions &&
        followUpDue < addDays(today, -14) &&
        followUpRandom.chance(0.6)
      const followUpAt = answeredFollowUp
        ? at(randomWeekday(followUpRandom, followUpDue, addDays(today, -1), today), 12)
        : null
      if (followUpAt && followUpQuestions) {
        // Only anonymous templates have a follow-up here; the id is drawn as before, and not kept.
        followUpRandom.uuid()
        cast(sessionId, plan.templateId, 'follow_up', surveyAnswers(followUpRandom, followUpQuestions, areas))
      }
      city.surveySubmissions.push({
        session_id: sessionId,
        employee_id: employeeId,
        follow_up_submitted_at: followUpAt,
      })
    },
  }
}

function surveyAnswers(random: Random, questions: readonly SurveyQuestion[], areas: readonly string[]): Row {
  const mood = random.int(3, 5)
  const answers: Row = {}
  for (const q of questions) {
    if (!q.required && !random.chance(0.45)) continue
    switch (q.type) {
      case 'likert_5':
        answers[q.key] = Math.max(1, Math.min(5, mood + random.int(-1, 1)))
        break
      case 'scale_0_10':
        answers[q.key] = Math.max(0, Math.min(10, mood * 2 + random.int(-2, 1)))
        break
      case 'single_choice':
        answers[q.key] = random.pick(q.options ?? [{ value: '' }]).value
        break
      case 'free_text':
        answers[q.key] = random
          .pick(FREE_TEXT[q.key] ?? FREE_TEXT.comments ?? ['よかった。'])
          .slice(0, q.max_length ?? 1000)
        break
      case 'area_self_assessment':
        answers[q.key] = Object.fromEntries(
          areas.map((area) => {
            const before = random.int(1, 3)
            return [area, { before, after: Math.min(5, before + random.pick([0, 1, 1, 1, 2, 2])) }]
          }),
        )
        break
    }
  }
  return answers
}
