import { onScopeDispose, readonly, shallowRef, type Ref } from 'vue'

export interface UseNetworkStatusReturn {
  online: Readonly<Ref<boolean>>
}

/** Whether the browser believes it has a network; updates on `online`/`offline` events. */
export function useNetworkStatus(): UseNetworkStatusReturn {
  const online = shallowRef(typeof navigator === 'undefined' ? true : navigator.onLine)
  const update = () => {
    online.value = navigator.onLine
  }
  window.addEventListener('online', update)
  window.addEventListener('offline', update)
  onScopeDispose(() => {
    window.removeEventListener('online', update)
    window.removeEventListener('offline', update)
  })
  return { online: readonly(online) }
}
