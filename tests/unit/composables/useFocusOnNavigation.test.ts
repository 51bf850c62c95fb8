import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { useFocusOnNavigation } from '@/composables/useFocusOnNavigation'

/** A shell with a <main> whose page shows a loading h1 first, then its own, as most pages do. */
function mountShell() {
  const path = ref('')
  const loaded = ref(false)
  const Shell = defineComponent({
    setup() {
      useFocusOnNavigation({ container: () => document.getElementById('main'), path })
      return () =>
        h('div', [
          h('button', { id: 'menu' }, 'メニュー'),
          h('main', { id: 'main', tabindex: -1 }, [
            loaded.value
              ? h('h1', { key: 'page', tabindex: -1 }, '知識分野の詳細')
              : h('h1', { key: 'loading', tabindex: -1 }, '読み込んでいます'),
            h('button', { id: 'action' }, '記録する'),
          ]),
        ])
    },
  })
  const wrapper = mount(Shell, { attachTo: document.body })
  const flush = async () => {
    await nextTick()
    await nextTick()
    await new Promise((resolve) => setTimeout(resolve))
  }
  return { wrapper, path, loaded, flush }
}

let unmount: (() => void) | null = null
afterEach(() => {
  unmount?.()
  unmount = null
})

describe('useFocusOnNavigation', () => {
  it('leaves the focus where it is on the page the user opened', async () => {
    const { wrapper, path, flush } = mountShell()
    unmount = () => wrapper.unmount()
    path.value = '/areas'
    await flush()
    expect(document.activeElement).toBe(document.body)
  })

  it('puts the focus on the new page’s h1 after an in-app navigation', async () => {
    const { wrapper, path, flush } = mountShell()
    unmount = () => wrapper.unmount()
    path.value = '/'
    await flush()
    path.value = '/areas'
    await flush()
    expect(document.activeElement?.textContent).toBe('読み込んでいます')
  })

  it('gives the focus to the loaded page’s h1 when the loading one is swapped for it', async () => {
    const { wrapper, path, loaded, flush } = mountShell()
    unmount = () => wrapper.unmount()
    path.value = '/'
    await flush()
    path.value = '/areas/dx_basics'
    await flush()
    loaded.value = true
    await flush()
    expect(document.activeElement?.tagName).toBe('H1')
    expect(document.activeElement?.textContent).toBe('知識分野の詳細')
  })

  it('does not take the focus back once the user has moved it', async () => {
    const { wrapper, path, loaded, flush } = mountShell()
    unmount = () => wrapper.unmount()
    path.value = '/'
    await flush()
    path.value = '/areas/dx_basics'
    await flush()
    const action = document.getElementById('action')!
    action.focus()
    loaded.value = true
    await flush()
    expect(document.activeElement).toBe(action)
  })
})
