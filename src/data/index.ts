// The data layer's public face: the app's database and the operations on it.
import { DxpDatabase } from './db'

/** The app's device database (opened on first use). Tests make their own `new DxpDatabase(name)`. */
export const db = new DxpDatabase()

export { DATABASE_NAME, DxpDatabase } from './db'
export type {
  Draft,
  CachedRoster,
  NewOutboxEntry,
  OutboxEntry,
  OutboxEntryOfKind,
  OutboxStatus,
  Shadow,
  SyncMeta,
} from './db'
export { deleteDraft, loadDraft, saveDraft } from './drafts'
export { sessionSurveyContext, trainingAreas } from './session-survey'
export type { SessionSurveyContext } from './session-survey'
export { mutate, validateArgs } from './mutate'
export type { ArgIssue, MutateOptions, MutateResult, MutationInput } from './mutate'
export {
  countOutbox,
  dismissRejected,
  markApplied,
  markInFlight,
  markRejected,
  outboxAbout,
  outboxToPush,
  recordAnswers,
  releaseInFlight,
} from './outbox'
export type { OutboxAnswer } from './outbox'
export { applyPullChanges, clearUserData, getSyncMeta, resetReplica, updateSyncMeta } from './replica'
export type { ClearUserDataResult, PullApplied } from './replica'
export { KEY_COLUMNS, OWNER_COLUMNS, SCHEMA_VERSIONS, dexieKeyOf, pullKeyOf, refOf } from './schema'
export type { SchemaVersion } from './schema'
export * from './rows'
