/**
 * Checked before every call of a round: the backend sends each call as whoever is signed in at that
 * moment, so a user switch on a shared PC mid-round would otherwise push one user's outbox as another.
 */
import type { Backend } from '@/backend/backend'
import { UserChangedError } from './classify-failure'

export async function assertSignedIn(backend: Pick<Backend, 'currentUser'>, userId: string): Promise<void> {
  const user = await backend.currentUser()
  if (user?.id !== userId) throw new UserChangedError()
}
