// The facilitator's reads: session_roster and find_employee (supabase/README.md, "Facilitator RPCs").
import * as v from 'valibot'
import { Uuid } from './scalars'

export const RosterStatusSchema = v.picklist(['confirmed', 'waitlisted', 'attended', 'no_show'])
export type RosterStatus = v.InferOutput<typeof RosterStatusSchema>

/** One registrant of `session_roster`, sorted by kana on the server. */
export const RosterPersonSchema = v.object({
  registration_id: Uuid,
  employee_id: Uuid,
  employee_number: v.string(),
  full_name: v.string(),
  full_name_kana: v.string(),
  department_name: v.nullable(v.string()),
  status: RosterStatusSchema,
  waitlist_position: v.nullable(v.number()),
  checked_in_at: v.nullable(v.string()),
  walk_in: v.boolean(),
  /** That the person submitted the session's survey, never what they answered. */
  survey_submitted: v.boolean(),
})
export type RosterPerson = v.InferOutput<typeof RosterPersonSchema>

/** `session_roster(session_id)`: for the session's facilitator or dx_admin (else DXP091). */
export const RosterSchema = v.object({
  session_id: Uuid,
  status: v.picklist(['scheduled', 'cancelled', 'closed']),
  starts_at: v.string(),
  ends_at: v.string(),
  /** The server's time of the answer: the roster's "as of" when shown from the device's cache. */
  as_of: v.string(),
  counts: v.object({
    capacity: v.number(),
    confirmed: v.number(),
    attended: v.number(),
    waitlisted: v.number(),
    no_show: v.number(),
    responses: v.number(),
  }),
  people: v.array(RosterPersonSchema),
})
export type Roster = v.InferOutput<typeof RosterSchema>

/** `find_employee(session_id, employee_number)`: the person, or null when no one has that number. */
export const AttendeeLookupSchema = v.nullable(
  v.object({
    employee_id: Uuid,
    employee_number: v.string(),
    full_name: v.string(),
    full_name_kana: v.string(),
    department_name: v.nullable(v.string()),
  }),
)
export type AttendeeLookup = v.InferOutput<typeof AttendeeLookupSchema>
