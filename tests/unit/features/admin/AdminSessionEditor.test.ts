import 'fake-indexeddb/auto'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { AnyBackend } from '@/backend'
import { clearDivisionCache } from '@/composables/useDivisionRpc'
import type { MutateResult, SessionRow } from '@/data'
import ja from '@/i18n/ja'
import { useAuthStore } from '@/stores/auth'
import AdminSessionEditor from '@/features/admin/AdminSessionEditor.vue'
import { ME } from '../replica-fixtures'
import { withContractCall } from '../../../support/contract-call'

const TRAINING = '00000000-0000-4000-8000-0000000000aa'
const FACILITATOR = '00000000-0000-4000-8000-00000000fa01'
const OTHER = '00000000-0000-4000-8000-00000000fa02'
let wrapper: VueWrapper | undefined

const session: SessionRow = {
  id: '00000000-0000-4000-8000-0000000000b1',
  training_id: TRAINING,
  starts_at: '2027-01-20T01:00:00Z',
  ends_at: '2027-01-20T04:00:00Z',
  registration_deadline: '2027-01-13T08:00:00Z',
  venue: '本庁舎 4階 大会議室',
  online_url: null,
  capacity: 30,
  facilitator_id: OTHER,
  status: 'scheduled',
  confirmed_count: 0,
  waitlist_count: 0,
  cancelled_reason: null,
  updated_at: '2026-11-01T00:00:00Z',
} as unknown as SessionRow

function mountEditor(props: { session: SessionRow | null }, facilitators: unknown | null) {
  const auth = useAuthStore()
  auth.backend = facilitators
    ? (withContractCall({ kind: 'embedded', rpc: vi.fn(async () => facilitators) }) as unknown as AnyBackend)
    : null
  // What the editor reads of mutate()'s answer: ok.
  const save = vi.fn(async (_input: unknown) => ({ ok: true }) as unknown as MutateResult)
  const i18n = createI18n({ legacy: false, locale: 'ja', messages: { ja } })
  wrapper = mount(AdminSessionEditor, {
    props: { trainingId: TRAINING, save, cancel: vi.fn(), ...props },
    global: { plugins: [i18n] },
  })
  return { w: wrapper, save }
}

const facilitatorSelect = (w: VueWrapper) => w.get<HTMLSelectElement>('select')

beforeEach(() => {
  setActivePinia(createPinia())
  useAuthStore().user = { id: ME, email: null }
  sessionStorage.clear()
  localStorage.clear()
  clearDivisionCache()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('the session editor’s facilitator', () => {
  it('offers the facilitators the server lists and saves the one chosen', async () => {
    const { w, save } = mountEditor(
      { session: null },
      {
        facilitators: [
          {
            employee_id: FACILITATOR,
            employee_number: '100042',
            full_name: '相川 進',
            department_code: 'kikaku_dx',
            app_role: 'facilitator',
          },
        ],
      },
    )
    await flushPromises()
    const options = facilitatorSelect(w)
      .findAll('option')
      .map((o) => o.text())
    expect(options).toEqual(['未定', '相川 進（100042）'])
    expect(w.text()).toContain('選んだ人の「担当セッション」にこの日程が表示され')
    await facilitatorSelect(w).setValue(FACILITATOR)
    const inputs = w.findAll('input[type="datetime-local"]')
    await inputs[0]!.setValue('2027-01-20T10:00')
    await inputs[1]!.setValue('2027-01-20T12:00')
    await inputs[2]!.setValue('2027-01-13T17:00')
    await w.get('form').trigger('submit')
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ facilitator_id: FACILITATOR }))
  })

  it('keeps an existing session’s facilitator while the list cannot be loaded, and says so', async () => {
    const { w, save } = mountEditor({ session }, null)
    await flushPromises()
    expect(facilitatorSelect(w).element.value).toBe(OTHER)
    expect(
      facilitatorSelect(w)
        .findAll('option')
        .map((o) => o.text()),
    ).toEqual(['未定', '現在の運営者（一覧にない職員）'])
    expect(w.text()).toContain('運営者の一覧は、オンラインのときに読み込みます。')
    await w.get('form').trigger('submit')
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ facilitator_id: OTHER }))
  })

  it('saves no facilitator when 未定 is chosen', async () => {
    const { w, save } = mountEditor({ session }, null)
    await flushPromises()
    await facilitatorSelect(w).setValue('')
    await w.get('form').trigger('submit')
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ facilitator_id: null }))
  })
})
