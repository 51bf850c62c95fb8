import { computed, type ComputedRef, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import type { RouteLocationRaw } from 'vue-router'
import { MAX_NOTICES_PER_MARK, type DxpErrorCode } from '@/contract'
import { db, type NoticeKind, type NoticeRow } from '@/data'
import { useAuthStore } from '@/stores/auth'
import { useLiveQuery } from './useLiveQuery'
import { useMutate } from './useMutate'

/** Where a notice leads: the session it is about, its survey, or the route for a decision. */
export type NoticeTarget = 'session' | 'survey' | 'route'

export interface NoticeItem {
  notice: NoticeRow
  /** The training's title, for the session kinds (null when the replica lacks it). */
  title: string | null
  /** The session's start, for the session kinds. */
  startsAt: string | null
  target: NoticeTarget
  to: RouteLocationRaw
}

export interface UseNoticesReturn {
  /** Newest first. */
  items: Readonly<Ref<NoticeItem[]>>
  unreadCount: ComputedRef<number>
  isLoading: Readonly<Ref<boolean>>
  /** Marks these notices read (those unread among them); queued like any change, so it works offline. */
  markRead: (ids: readonly string[]) => Promise<{ ok: true } | { ok: false; code: DxpErrorCode }>
  markAllRead: () => Promise<{ ok: true } | { ok: false; code: DxpErrorCode }>
}

const TARGETS: Record<NoticeKind, NoticeTarget> = {
  waitlist_promoted: 'session',
  session_changed: 'session',
  session_cancelled: 'session',
  survey_due: 'survey',
  decision_acknowledged: 'route',
  decision_nominated: 'route',
  decision_returned: 'route',
  decision_approved: 'route',
  decision_revoked: 'route',
}

function linkOf(target: NoticeTarget, sessionId: string | null): RouteLocationRaw {
  if (target === 'survey' && sessionId) return { name: 'session-survey', params: { sessionId } }
  if (target === 'session' && sessionId) return { name: 'session', params: { id: sessionId } }
  return { name: 'route' }
}

function isUnread(notice: NoticeRow): boolean {
  return notice.read_at == null
}

async function loadNotices(userId: string): Promise<NoticeItem[]> {
  const notices = await db.replica('notices').where('employee_id').equals(userId).toArray()
  const sessionIds = [...new Set(notices.flatMap((n) => (n.session_id ? [n.session_id] : [])))]
  const sessions = (await db.replica('sessions').bulkGet(sessionIds)).flatMap((s) => (s ? [s] : []))
  const trainings = await db.replica('trainings').bulkGet([...new Set(sessions.map((s) => s.training_id))])
  const sessionById = new Map(sessions.map((s) => [s.id, s]))
  const titleById = new Map(trainings.flatMap((t) => (t ? [[t.id, t.title] as const] : [])))
  return notices
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
    .map((notice) => {
      const session = notice.session_id ? sessionById.get(notice.session_id) : undefined
      const target = TARGETS[notice.kind] ?? 'route'
      return {
        notice,
        title: session ? (titleById.get(session.training_id) ?? null) : null,
        startsAt: session?.starts_at ?? null,
        target,
        to: linkOf(target, notice.session_id),
      }
    })
}

/** The signed-in person's notices (お知らせ) from the replica, newest first, readable offline. */
export function useNotices(): UseNoticesReturn {
  const { userId } = storeToRefs(useAuthStore())
  const mutate = useMutate()
  const { data, isLoading } = useLiveQuery(
    () => (userId.value ? loadNotices(userId.value) : ([] as NoticeItem[])),
    { deps: userId, initialValue: [] as NoticeItem[] },
  )
  const unreadCount = computed(() => data.value.filter((item) => isUnread(item.notice)).length)

  async function markRead(ids: readonly string[]) {
    const unread = new Set(data.value.filter((item) => isUnread(item.notice)).map((item) => item.notice.id))
    const todo = ids.filter((id) => unread.has(id))
    for (let start = 0; start < todo.length; start += MAX_NOTICES_PER_MARK) {
      const result = await mutate('mark_notices_read', {
        ids: todo.slice(start, start + MAX_NOTICES_PER_MARK),
      })
      if (!result.ok) return { ok: false as const, code: result.code }
    }
    return { ok: true as const }
  }

  return {
    items: data,
    unreadCount,
    isLoading,
    markRead,
    markAllRead: () => markRead(data.value.map((item) => item.notice.id)),
  }
}

/** How many of the signed-in person's notices are unread: the navigation's badge. */
export function useUnreadNoticeCount(): Readonly<Ref<number>> {
  const { userId } = storeToRefs(useAuthStore())
  const { data } = useLiveQuery(
    () =>
      userId.value
        ? db.replica('notices').where('employee_id').equals(userId.value).filter(isUnread).count()
        : 0,
    { deps: userId, initialValue: 0 },
  )
  return data
}
