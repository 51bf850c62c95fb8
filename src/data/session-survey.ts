// Replica reads shared by the screens that show one session's training and survey (the employee's
// survey page and the facilitator's kiosk). Called inside a live query, so Dexie tracks what it reads.
import type { DxpDatabase } from './db'
import type { KnowledgeAreaRow, SessionRow, SurveyTemplateRow, TrainingRow } from './rows'

/** The knowledge areas a training covers, in the plan's order. */
export async function trainingAreas(db: DxpDatabase, trainingId: string): Promise<KnowledgeAreaRow[]> {
  const links = await db.replica('training_areas').where('training_id').equals(trainingId).toArray()
  const rows = await db.replica('knowledge_areas').bulkGet(links.map((link) => link.area_code))
  return rows.filter((row) => row !== undefined).sort((a, b) => a.sort_order - b.sort_order)
}

export interface SessionSurveyContext {
  session: SessionRow | undefined
  training: TrainingRow | undefined
  template: SurveyTemplateRow | undefined
  /** The training's areas as a survey form asks about them (code and name, in the plan's order). */
  areas: { code: string; name: string }[]
}

/** A session with its training, the training's survey template and its areas, as far as the replica has them. */
export async function sessionSurveyContext(
  db: DxpDatabase,
  sessionId: string,
): Promise<SessionSurveyContext> {
  const session = await db.replica('sessions').get(sessionId)
  const training = session ? await db.replica('trainings').get(session.training_id) : undefined
  const template = training?.survey_template_id
    ? await db.replica('survey_templates').get(training.survey_template_id)
    : undefined
  const areas = training
    ? (await trainingAreas(db, training.id)).map((area) => ({ code: area.code, name: area.name }))
    : []
  return { session, training, template, areas }
}
