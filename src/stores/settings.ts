import { defineStore } from 'pinia'
import { ref } from 'vue'
import { applyLocale, isAppLocale, type AppLocale } from '@/i18n'

const localeKey = 'dxp.locale'

function readStoredLocale(): AppLocale {
  try {
    const stored = localStorage.getItem(localeKey)
    return isAppLocale(stored) ? stored : 'ja'
  } catch {
    // Storage can be blocked (private mode, policy); Japanese is the default anyway.
    return 'ja'
  }
}

export const useSettingsStore = defineStore('settings', () => {
  const locale = ref<AppLocale>(readStoredLocale())

  async function setLocale(next: AppLocale): Promise<void> {
    await applyLocale(next)
    locale.value = next
    try {
      localStorage.setItem(localeKey, next)
    } catch {
      // Not persisted; the choice still applies for this visit.
    }
  }

  return { locale, setLocale }
})
