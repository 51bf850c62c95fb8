/**
 * Drafts: what a user has typed into a form and not yet submitted, kept on the device so that a
 * reload, a crash or an app update never loses it. Never replicated or pushed; a user's drafts go
 * with the rest of their data when they sign out (clearUserData).
 */
import type { Draft, DxpDatabase } from './db'

/** The draft of a form, or undefined when there is none. */
export async function loadDraft(db: DxpDatabase, userId: string, key: string): Promise<Draft | undefined> {
  return db.drafts.get([userId, key])
}

export async function saveDraft(
  db: DxpDatabase,
  userId: string,
  key: string,
  value: unknown,
  now: Date = new Date(),
): Promise<void> {
  await db.drafts.put({ user_id: userId, key, value, updated_at: now.toISOString() })
}

export async function deleteDraft(db: DxpDatabase, userId: string, key: string): Promise<void> {
  await db.drafts.delete([userId, key])
}
