import Dexie from 'dexie'
import { computed, shallowRef, type ComputedRef } from 'vue'
import { storeToRefs } from 'pinia'
import type { DxpErrorCode, MutationKind } from '@/contract'
import { db, type ArgIssue, type MutationInput, type OutboxEntry } from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

export const DECISION_KINDS = [
  'approve_certification',
  'return_candidate',
  'revoke_certification',
  'nominate_candidate',
  'acknowledge_volunteer',
] as const satisfies readonly MutationKind[]
export type DecisionKind = (typeof DECISION_KINDS)[number]

const isDecisionKind = (kind: MutationKind): kind is DecisionKind =>
  (DECISION_KINDS as readonly MutationKind[]).includes(kind)

/** 送信待ち (in the outbox), 確定 (the server applied it), 却下 (refused: code and the server's words). */
export type DecisionState = 'pending' | 'confirmed' | 'rejected'

export interface DecisionItem {
  mutationId: string
  kind: DecisionKind
  /** The employee decided on (for revoke: the certification's id, as the server knows no more here). */
  subject: string
  /** What the screen showed when it was made (the employee's name), for the list of decisions. */
  label: string
  state: DecisionState
  code: string | null
  message: string | null
  createdAt: string
}

export type DecideResult =
  { ok: true; mutationId: string } | { ok: false; code: DxpErrorCode; issues: ArgIssue[] }

interface MadeDecision {
  mutationId: string
  kind: DecisionKind
  subject: string
  label: string
  createdAt: string
}

// Decisions made in this tab: once applied, an entry leaves the outbox, and this list is how the screen
// still knows to say 確定. Module-level so leaving and reopening the page keeps it.
const made = shallowRef<MadeDecision[]>([])

function subjectOf(kind: DecisionKind, args: Record<string, unknown>): string {
  return String(kind === 'revoke_certification' ? args.certification_id : args.employee_id)
}

export interface UseDivisionDecisionsReturn {
  /** Every decision of this tab and every one still in the outbox, newest first. */
  items: ComputedRef<DecisionItem[]>
  /** The latest decision about an employee (or certification), if any. */
  latestFor: (subject: string) => DecisionItem | undefined
  /** How many decisions the server has applied (a page reloads its figures when this grows). */
  confirmedCount: ComputedRef<number>
  decide: <K extends DecisionKind>(kind: K, input: MutationInput<K>, label: string) => Promise<DecideResult>
}

/**
 * The DX division's certification decisions (approve, return, revoke, nominate, acknowledge) as
 * changes in the outbox, so they are kept offline and sent by the sync engine like every write; the
 * server re-checks every rule and may refuse (却下 with its reason).
 */
export function useDivisionDecisions(): UseDivisionDecisionsReturn {
  const { userId } = storeToRefs(useAuthStore())
  const mutate = useMutate()

  const { data: entries } = useLiveQuery(
    async () => {
      const uid = userId.value
      if (!uid) return [] as OutboxEntry[]
      const all = await db.outbox
        .where('[user_id+seq]')
        .between([uid, Dexie.minKey], [uid, Dexie.maxKey])
        .toArray()
      return all.filter((entry) => isDecisionKind(entry.kind))
    },
    { deps: userId, initialValue: [] as OutboxEntry[] },
  )

  const items = computed<DecisionItem[]>(() => {
    const byId = new Map(entries.value.map((entry) => [entry.id, entry]))
    const out: DecisionItem[] = made.value.map((m) => {
      const entry = byId.get(m.mutationId)
      byId.delete(m.mutationId)
      return {
        ...m,
        state: !entry ? 'confirmed' : entry.status === 'rejected' ? 'rejected' : 'pending',
        code: entry?.last_error_code ?? null,
        message: entry?.status === 'rejected' ? entry.last_error_message : null,
      }
    })
    // Left in the outbox by an earlier tab: still 送信待ち or 却下, never silently dropped.
    for (const entry of byId.values()) {
      if (!isDecisionKind(entry.kind)) continue
      out.push({
        mutationId: entry.id,
        kind: entry.kind,
        subject: subjectOf(entry.kind, entry.args as Record<string, unknown>),
        label: '',
        createdAt: entry.created_at,
        state: entry.status === 'rejected' ? 'rejected' : 'pending',
        code: entry.last_error_code,
        message: entry.status === 'rejected' ? entry.last_error_message : null,
      })
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  })

  const confirmedCount = computed(() => items.value.filter((item) => item.state === 'confirmed').length)

  function latestFor(subject: string): DecisionItem | undefined {
    return items.value.find((item) => item.subject === subject)
  }

  async function decide<K extends DecisionKind>(
    kind: K,
    input: MutationInput<K>,
    label: string,
  ): Promise<DecideResult> {
    const result = await mutate(kind, input)
    if (!result.ok) return result
    made.value = [
      ...made.value,
      {
        mutationId: result.mutationId,
        kind,
        subject: subjectOf(kind, result.entry.args as Record<string, unknown>),
        label,
        createdAt: result.entry.created_at,
      },
    ]
    return { ok: true, mutationId: result.mutationId }
  }

  return { items, latestFor, confirmedCount, decide }
}

/** For tests: forget the decisions of this tab. */
export function forgetDecisions(): void {
  made.value = []
}
