import { nextTick, onScopeDispose, watch, type WatchSource } from 'vue'

export interface UseFocusOnNavigationOptions {
  /** Where pages render (<main>): its h1 takes the focus, or <main> itself while there is none yet. */
  container: () => HTMLElement | null
  /**
   * Changes on each in-app navigation; empty before the first route is known. The path, not the full
   * path: a page that keeps its filters in the query (the catalogue) must not lose the focus from the
   * search box the user is typing in.
   */
  path: WatchSource<string>
}

/**
 * After an in-app navigation, screen-reader and keyboard users start at the new page's h1.
 *
 * Most pages swap a loading h1 for the loaded one (or render theirs a moment later): the element that
 * had the focus leaves the DOM and the browser drops the focus on <body>, sending the next Tab back to
 * the top of the document. Until the user moves the focus themselves, or navigates again, a focus
 * dropped that way goes to the page's current h1.
 */
export function useFocusOnNavigation({ container, path }: UseFocusOnNavigationOptions): void {
  let release: (() => void) | null = null

  function follow(main: HTMLElement): () => void {
    let target: HTMLElement = main
    // The target is set before focus() so that its own focusin is not taken for the user's.
    const land = () => {
      target = main.querySelector<HTMLElement>('h1') ?? main
      target.focus()
    }
    land()
    const observer = new MutationObserver(() => {
      const active = document.activeElement
      const dropped = active === null || active === document.body
      // <main> stood in while the page had no h1; one has appeared since.
      const upgrade = active === main && target === main && main.querySelector('h1') !== null
      if ((dropped && !target.isConnected) || upgrade) land()
    })
    observer.observe(main, { childList: true, subtree: true })
    const onFocusIn = (event: FocusEvent) => {
      if (event.target !== target) stop()
    }
    // A blur while the target is still in the page is the user's doing (a click on plain text).
    const onFocusOut = (event: FocusEvent) => {
      const left = event.target
      if (left !== target) return
      setTimeout(() => {
        if (target === left && target.isConnected && document.activeElement !== target) stop()
      })
    }
    document.addEventListener('focusin', onFocusIn)
    document.addEventListener('focusout', onFocusOut)
    function stop() {
      observer.disconnect()
      document.removeEventListener('focusin', onFocusIn)
      document.removeEventListener('focusout', onFocusOut)
      if (release === stop) release = null
    }
    return stop
  }

  watch(path, async (_now, before) => {
    // The first route is the page the user opened: the focus stays at the top, where the skip link is.
    if (!before) return
    release?.()
    await nextTick()
    const main = container()
    if (main) release = follow(main)
  })

  onScopeDispose(() => release?.())
}
