import 'fake-indexeddb/auto'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnyBackend, AuthUser } from '@/backend'
import { mutate } from '@/data/mutate'
import { useAuthStore } from '@/stores/auth'
import { ALICE, freshDb, learningInput, uuidOf } from '../data/support'

function fakeBackend(user: AuthUser): AnyBackend & { signOut: ReturnType<typeof vi.fn> } {
  return {
    kind: 'embedded',
    rpc: vi.fn(),
    currentUser: async () => user,
    signOut: vi.fn(async () => undefined),
    onAuthChange: () => () => undefined,
    signInAs: vi.fn(),
    listPersonas: vi.fn(),
  } as never
}

describe('signing out on a shared PC', () => {
  beforeEach(() => setActivePinia(createPinia()))

  function signedIn() {
    const auth = useAuthStore()
    const backend = fakeBackend({ id: ALICE, email: null })
    auth.backend = backend
    auth.user = { id: ALICE, email: null }
    return { auth, backend }
  }

  it('refuses while a change is unsent: the user stays signed in and nothing is deleted', async () => {
    const db = freshDb()
    const { auth, backend } = signedIn()
    const written = await mutate(db, ALICE, 'record_learning', learningInput(uuidOf(1)))
    expect(written.ok).toBe(true)

    expect(await auth.signOut(db)).toEqual({ ok: false, pending: 1, rejected: 0 })
    expect(backend.signOut).not.toHaveBeenCalled()
    expect(auth.user?.id).toBe(ALICE)
    expect(await db.outbox.count()).toBe(1)
    expect(await db.replica('learning_records').count()).toBe(1)
  })

  it('signs out and clears this user’s data once the outbox is empty', async () => {
    const db = freshDb()
    const { auth, backend } = signedIn()
    await db.syncMeta.put({
      user_id: ALICE,
      cursor: null,
      epoch: null,
      last_success_at: null,
      last_error_code: null,
      last_error_message: null,
      last_error_at: null,
    })
    await db.replica('profiles').put({
      id: ALICE,
      employee_number: 'E0001',
      full_name: '厚木 花子',
      full_name_kana: 'アツギ ハナコ',
      department_code: null,
      position_grade_code: null,
      app_role: 'employee',
      leader_candidacy_fy: null,
      leader_candidacy_method: null,
      email: null,
      left_on: null,
      created_at: '2026-04-01T00:00:00Z',
      updated_at: '2026-04-01T00:00:00Z',
    })

    expect(await auth.signOut(db)).toEqual({ ok: true })
    expect(backend.signOut).toHaveBeenCalledTimes(1)
    expect(auth.user).toBeNull()
    expect(await db.replica('profiles').count()).toBe(0)
  })
})
