import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { nextTick } from 'vue'
import UiToast from '@/ui/UiToast.vue'
import { DEFAULT_TOAST_TIMEOUT_MS, useToasts, type ToastTone } from '@/ui/toast'

const XSS = '<img src=x onerror=alert(1)>'
const { show, dismiss, clear, toasts } = useToasts()

let wrapper: VueWrapper

function mountToast() {
  wrapper = mount(UiToast, { props: { dismissLabel: '閉じる' }, attachTo: document.body })
  return wrapper
}

const status = () => wrapper.get('[role="status"]')
const alert = () => wrapper.get('[role="alert"]')

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  wrapper?.unmount()
  clear()
  vi.useRealTimers()
})

describe('UiToast', () => {
  it('has both live regions in the DOM before any toast, so the first one is announced', () => {
    mountToast()
    expect(status().attributes('aria-live')).toBe('polite')
    expect(alert().attributes('aria-live')).toBe('assertive')
    expect(status().findAll('li')).toHaveLength(0)
    expect(alert().findAll('li')).toHaveLength(0)
  })

  it.each<[ToastTone, 'status' | 'alert']>([
    ['info', 'status'],
    ['success', 'status'],
    ['warning', 'status'],
    ['error', 'alert'],
  ])('puts a %s toast in the %s region', async (tone, region) => {
    mountToast()
    show({ tone, message: 'メッセージ' })
    await nextTick()
    const root = region === 'status' ? status() : alert()
    const other = region === 'status' ? alert() : status()
    expect(root.get('li').text()).toContain('メッセージ')
    expect(root.get('li').attributes('data-tone')).toBe(tone)
    expect(other.findAll('li')).toHaveLength(0)
  })

  it.each(['info', 'success', 'warning'] as const)('auto-dismisses a %s toast', async (tone) => {
    mountToast()
    show({ tone, message: '保存しました' })
    await nextTick()
    vi.advanceTimersByTime(DEFAULT_TOAST_TIMEOUT_MS - 1)
    await nextTick()
    expect(status().findAll('li')).toHaveLength(1)
    vi.advanceTimersByTime(1)
    await nextTick()
    expect(status().findAll('li')).toHaveLength(0)
  })

  it('keeps an error until the user dismisses it, even with a timeout asked for', async () => {
    mountToast()
    show({ tone: 'error', message: '送信できませんでした。通信状況を確認してください。', timeoutMs: 1000 })
    await nextTick()
    vi.advanceTimersByTime(60 * 60 * 1000)
    await nextTick()
    expect(alert().findAll('li')).toHaveLength(1)
    await alert().get('button').trigger('click')
    expect(alert().findAll('li')).toHaveLength(0)
  })

  it('honours a custom timeout, and 0 keeps a non-error toast', async () => {
    mountToast()
    show({ message: '短い', timeoutMs: 1000 })
    show({ message: '残る', timeoutMs: 0 })
    vi.advanceTimersByTime(1000)
    await nextTick()
    expect(status().text()).not.toContain('短い')
    vi.advanceTimersByTime(60 * 60 * 1000)
    await nextTick()
    expect(status().text()).toContain('残る')
  })

  it('has a dismiss button with the given label that removes the toast', async () => {
    mountToast()
    show({ message: 'お知らせ' })
    await nextTick()
    const button = status().get('button')
    expect(button.attributes('type')).toBe('button')
    expect(button.text()).toBe('閉じる')
    await button.trigger('click')
    expect(toasts.value).toHaveLength(0)
  })

  it('pauses the clock while pointed at and resumes with the remaining time', async () => {
    mountToast()
    show({ message: '保存しました', timeoutMs: 1000 })
    await nextTick()
    vi.advanceTimersByTime(600)
    await wrapper.trigger('mouseenter')
    vi.advanceTimersByTime(5000)
    await nextTick()
    expect(status().findAll('li')).toHaveLength(1)
    await wrapper.trigger('mouseleave')
    vi.advanceTimersByTime(399)
    await nextTick()
    expect(status().findAll('li')).toHaveLength(1)
    vi.advanceTimersByTime(1)
    await nextTick()
    expect(status().findAll('li')).toHaveLength(0)
  })

  it('pauses while a toast has keyboard focus', async () => {
    mountToast()
    show({ message: '保存しました', timeoutMs: 1000 })
    await nextTick()
    status().get<HTMLButtonElement>('button').element.focus()
    vi.advanceTimersByTime(5000)
    await nextTick()
    expect(status().findAll('li')).toHaveLength(1)
  })

  it('moves focus to the next toast when a focused dismiss button removes its own', async () => {
    mountToast()
    show({ tone: 'error', message: '一つ目' })
    show({ tone: 'error', message: '二つ目' })
    await nextTick()
    const [first, second] = alert().findAll<HTMLButtonElement>('button')
    first?.element.focus()
    await first?.trigger('click')
    await nextTick()
    expect(document.activeElement).toBe(second?.element)
  })

  it('does not stack the same message twice', async () => {
    mountToast()
    const a = show({ tone: 'error', message: '同期に失敗しました' })
    const b = show({ tone: 'error', message: '同期に失敗しました' })
    await nextTick()
    expect(a).toBe(b)
    expect(alert().findAll('li')).toHaveLength(1)
  })

  it('dismisses by id from code', async () => {
    mountToast()
    const id = show({ tone: 'error', message: '失敗' })
    await nextTick()
    dismiss(id)
    await nextTick()
    expect(alert().findAll('li')).toHaveLength(0)
  })

  it('renders the message as text, not markup', async () => {
    mountToast()
    show({ tone: 'error', message: XSS })
    await nextTick()
    expect(wrapper.find('img').exists()).toBe(false)
    expect(alert().text()).toContain(XSS)
  })
})
