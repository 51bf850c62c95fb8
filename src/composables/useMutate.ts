import { db, mutate, type MutateOptions, type MutateResult, type MutationInput } from '@/data'
import type { MutationKind } from '@/contract'
import { useAuthStore } from '@/stores/auth'

/** A user's change: validated once, written with its outbox entry, as the signed-in user. */
export type BoundMutate = <K extends MutationKind>(
  kind: K,
  input: MutationInput<K>,
  options?: MutateOptions,
) => Promise<MutateResult>

/**
 * The one write path of the screens: `mutate()` on this device's database as whoever is signed in
 * when the change is made. Signed out, it writes nothing and answers DXP001, as the server would.
 */
export function useMutate(): BoundMutate {
  const auth = useAuthStore()
  return (kind, input, options) => mutate(db, auth.userId ?? '', kind, input, options)
}
