import { shallowRef, type Ref } from 'vue'

/** 'unsupported': the browser has no StorageManager (or refused to answer). */
export type StoragePersistence = 'checking' | 'persisted' | 'not_persisted' | 'unsupported'

export interface UseStoragePersistenceReturn {
  state: Readonly<Ref<StoragePersistence>>
  /** iPhone / iPad Safari, where an uninstalled site's storage goes after 7 days unused. */
  isIos: boolean
}

// Asked once per page load: the first screen that needs it asks, every later one reuses the answer.
let asked: Promise<StoragePersistence> | null = null

async function askPersistence(): Promise<StoragePersistence> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  if (!storage?.persisted || !storage.persist) return 'unsupported'
  try {
    if (await storage.persisted()) return 'persisted'
    return (await storage.persist()) ? 'persisted' : 'not_persisted'
  } catch {
    return 'unsupported'
  }
}

function detectIos(): boolean {
  if (typeof navigator === 'undefined') return false
  // iPadOS presents itself as a Mac with touch.
  return (
    /iPhone|iPad|iPod/.test(navigator.userAgent) ||
    (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1)
  )
}

/** Asks the browser not to evict this app's data (navigator.storage.persist) and says what it answered. */
export function useStoragePersistence(): UseStoragePersistenceReturn {
  const state = shallowRef<StoragePersistence>('checking')
  asked ??= askPersistence()
  void asked.then((answer) => (state.value = answer))
  return { state, isIos: detectIos() }
}

/** For tests: forget the answer, so the next use asks again. */
export function resetStoragePersistence(): void {
  asked = null
}
