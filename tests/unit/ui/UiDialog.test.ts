import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import UiDialog from '@/ui/UiDialog.vue'

const XSS = '<img src=x onerror=alert(1)>'

// happy-dom's showModal() only sets [open]: top layer, inertness and focus trapping are browser-only and
// belong in e2e. These tests cover what a page relies on that does run here.
let wrapper: VueWrapper | undefined

function mountWithOpener(dialogProps: Record<string, unknown> = {}, body?: () => unknown) {
  const Page = defineComponent({
    setup() {
      const open = ref(false)
      const closes = ref(0)
      return () => [
        h('button', { id: 'opener', type: 'button', onClick: () => (open.value = true) }, '開く'),
        h(
          UiDialog,
          {
            title: '申込みの取消し',
            ...dialogProps,
            open: open.value,
            'onUpdate:open': (v: boolean) => (open.value = v),
            onClose: () => closes.value++,
          },
          {
            default: body ?? (() => h('p', '本当に取り消しますか。')),
            footer: () =>
              h('button', { type: 'button', id: 'ok', onClick: () => (open.value = false) }, '取り消す'),
          },
        ),
        h('output', { id: 'closes' }, String(closes.value)),
      ]
    },
  })
  wrapper = mount(Page, { attachTo: document.body })
  return wrapper
}

async function openFromButton(w: VueWrapper) {
  const opener = w.get<HTMLButtonElement>('#opener')
  opener.element.focus()
  await opener.trigger('click')
  await nextTick()
}

function dialogEl(w: VueWrapper): HTMLDialogElement {
  return w.get<HTMLDialogElement>('dialog').element
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

describe('UiDialog', () => {
  it('is closed until opened', () => {
    const w = mountWithOpener()
    expect(dialogEl(w).open).toBe(false)
  })

  it('opens as a dialog labelled by its title', async () => {
    const w = mountWithOpener()
    await openFromButton(w)
    const dialog = dialogEl(w)
    expect(dialog.open).toBe(true)
    const titleId = dialog.getAttribute('aria-labelledby')
    expect(document.getElementById(titleId ?? '')?.textContent).toBe('申込みの取消し')
  })

  it('moves focus into the dialog, to its title by default', async () => {
    const w = mountWithOpener()
    await openFromButton(w)
    expect(document.activeElement?.tagName).toBe('H2')
    expect(dialogEl(w).contains(document.activeElement)).toBe(true)
  })

  it('moves focus to an [autofocus] element when the content has one', async () => {
    const w = mountWithOpener({}, () => h('input', { id: 'reason', autofocus: true }))
    await openFromButton(w)
    expect(document.activeElement?.id).toBe('reason')
  })

  it('closes on Escape, emits close and returns focus to the opener', async () => {
    const w = mountWithOpener()
    await openFromButton(w)
    await w.get('dialog').trigger('keydown', { key: 'Escape' })
    await nextTick()
    expect(dialogEl(w).open).toBe(false)
    expect(w.get('#closes').text()).toBe('1')
    expect(document.activeElement?.id).toBe('opener')
  })

  it('closes on the native cancel event (the browser path for Esc)', async () => {
    const w = mountWithOpener()
    await openFromButton(w)
    const cancel = new Event('cancel', { cancelable: true })
    dialogEl(w).dispatchEvent(cancel)
    await nextTick()
    await nextTick()
    expect(cancel.defaultPrevented).toBe(true)
    expect(dialogEl(w).open).toBe(false)
    expect(w.get('#closes').text()).toBe('1')
  })

  it('closes from a footer action through the model', async () => {
    const w = mountWithOpener()
    await openFromButton(w)
    await w.get('#ok').trigger('click')
    await nextTick()
    expect(dialogEl(w).open).toBe(false)
    expect(w.get('#closes').text()).toBe('1')
    expect(document.activeElement?.id).toBe('opener')
  })

  it('has a labelled × button only when closeLabel is given, and it closes', async () => {
    expect(mountWithOpener().find('.ui-dialog__close').exists()).toBe(false)
    wrapper?.unmount()
    const w = mountWithOpener({ closeLabel: '閉じる' })
    await openFromButton(w)
    const close = w.get('.ui-dialog__close')
    expect(close.attributes('aria-label')).toBe('閉じる')
    expect(close.attributes('type')).toBe('button')
    await close.trigger('click')
    await nextTick()
    expect(dialogEl(w).open).toBe(false)
  })

  it('keeps the model in step when a form method="dialog" closes it natively', async () => {
    const w = mountWithOpener()
    await openFromButton(w)
    dialogEl(w).close()
    await nextTick()
    await nextTick()
    expect(w.get('#closes').text()).toBe('1')
    // Reopening works, which it would not if the model were still true.
    await openFromButton(w)
    expect(dialogEl(w).open).toBe(true)
  })

  it.each([
    { closeOnBackdrop: true, expectedOpen: false },
    { closeOnBackdrop: false, expectedOpen: true },
  ])('backdrop click with closeOnBackdrop=$closeOnBackdrop leaves open=$expectedOpen', async (c) => {
    const w = mountWithOpener({ closeOnBackdrop: c.closeOnBackdrop })
    await openFromButton(w)
    await w.get('dialog').trigger('click')
    await nextTick()
    expect(dialogEl(w).open).toBe(c.expectedOpen)
  })

  it('does not close when clicking inside the content', async () => {
    const w = mountWithOpener({ closeOnBackdrop: true })
    await openFromButton(w)
    await w.get('.ui-dialog__body p').trigger('click')
    await nextTick()
    expect(dialogEl(w).open).toBe(true)
  })

  it('renders the title as text, not markup', async () => {
    const w = mountWithOpener({ title: XSS })
    await openFromButton(w)
    expect(w.find('dialog img').exists()).toBe(false)
    expect(w.get('h2').text()).toBe(XSS)
  })
})
