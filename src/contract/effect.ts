// Survey effect figures shared by the DX division and a session's facilitator
// (supabase/README.md, "DX division aggregates"): groups under 5 respondents are suppressed in SQL.
import * as v from 'valibot'
import { Uuid } from './scalars'

/** Why a group's survey figures are withheld: fewer than 5 responses, or to protect such a sibling. */
export const SuppressionSchema = v.nullable(v.picklist(['below_threshold', 'complementary']))

/** A count as a suppressed group shows it: the number, '<5', or null (complementary). */
export const ShownCountSchema = v.union([v.pipe(v.number(), v.integer()), v.literal('<5'), v.null()])

const Distribution = v.nullable(v.record(v.string(), v.number()))

/** A 5-point question's figures. */
const LikertFigures = v.object({
  key: v.string(),
  label: v.string(),
  answered: v.number(),
  mean: v.nullable(v.number()),
  distribution: Distribution,
})
/** A 0–10 question's figures, with its NPS. */
const RecommendationFigures = v.object({
  key: v.string(),
  label: v.string(),
  answered: v.number(),
  mean: v.nullable(v.number()),
  promoters: v.number(),
  passives: v.number(),
  detractors: v.number(),
  nps: v.nullable(v.number()),
  distribution: Distribution,
})
/** A single-choice question's counts per option, with the options' wording in the template's order. */
const ChoiceFigures = v.object({
  key: v.string(),
  label: v.string(),
  answered: v.number(),
  options: v.array(v.object({ value: v.string(), label: v.string() })),
  distribution: Distribution,
})
const FreeTextFigures = v.nullable(
  v.array(v.object({ key: v.string(), label: v.string(), answers: v.array(v.string()) })),
)

export const EffectGroupSchema = v.object({
  training_id: Uuid,
  sessions: v.number(),
  seats_taken: v.number(),
  attended: v.number(),
  no_show: v.number(),
  attendance_rate: v.nullable(v.number()),
  suppressed: SuppressionSchema,
  responses: ShownCountSchema,
  response_rate: v.nullable(v.number()),
  /** Kirkpatrick 1. Null when suppressed. */
  reaction: v.nullable(
    v.object({
      items: v.array(LikertFigures),
      recommendation: v.array(RecommendationFigures),
      choices: v.array(ChoiceFigures),
      /** Null in the compact comparison of trainings. */
      free_text: FreeTextFigures,
    }),
  ),
  /** Kirkpatrick 2. Null when suppressed. */
  learning: v.nullable(
    v.object({
      self_assessment: v.array(
        v.object({
          area_code: v.string(),
          answered: v.number(),
          before_mean: v.number(),
          after_mean: v.number(),
          gain_mean: v.number(),
          before_distribution: Distribution,
          after_distribution: Distribution,
        }),
      ),
    }),
  ),
  /**
   * Kirkpatrick 3: the follow-up survey weeks after the session, where the template asks for one
   * (else `follow_up` is null). Its figures are null when suppressed, `free_text` also in the
   * compact comparison of trainings.
   */
  behaviour: v.object({
    follow_up_weeks: v.nullable(v.number()),
    follow_up: v.nullable(
      v.object({
        suppressed: SuppressionSchema,
        responses: ShownCountSchema,
        response_rate: v.nullable(v.number()),
        items: v.nullable(v.array(LikertFigures)),
        recommendation: v.nullable(v.array(RecommendationFigures)),
        choices: v.nullable(v.array(ChoiceFigures)),
        free_text: FreeTextFigures,
      }),
    ),
  }),
  /** Kirkpatrick 4. Null under 5 attendances. */
  results: v.nullable(
    v.object({ attendees: v.number(), later_learning: v.number(), later_certified: v.number() }),
  ),
})
export type EffectGroup = v.InferOutput<typeof EffectGroupSchema>

/** `session_effect_summary(session_id)`: dx_admin and the session's facilitator. */
export const SessionEffectSummarySchema = v.object({
  ...EffectGroupSchema.entries,
  session_id: Uuid,
  starts_at: v.string(),
  ends_at: v.string(),
  status: v.picklist(['scheduled', 'cancelled', 'closed']),
  training_title: v.string(),
  training_kind: v.string(),
  fiscal_year: v.number(),
})
export type SessionEffectSummary = v.InferOutput<typeof SessionEffectSummarySchema>
