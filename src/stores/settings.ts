import { defineStore } from 'pinia'
import { ref } from 'vue'
import { applyLocale, isAppLocale, type AppLocale } from '@/i18n'

const localeKey = 'dxp.locale'
const reminderNotificationsKey = 'dxp.reminder-notifications'

function readStoredLocale(): AppLocale {
  try {
    const stored = localStorage.getItem(localeKey)
    return isAppLocale(stored) ? stored : 'ja'
  } catch {
    // Storage can be blocked (private mode, policy); Japanese is the default anyway.
    return 'ja'
  }
}

function readFlag(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1'
  } catch {
    return false
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

  // The person's own choice on this device; the browser's permission is asked for separately.
  const reminderNotifications = ref(readFlag(reminderNotificationsKey))

  function setReminderNotifications(on: boolean): void {
    reminderNotifications.value = on
    try {
      localStorage.setItem(reminderNotificationsKey, on ? '1' : '0')
    } catch {
      // Not persisted; the choice still applies for this visit.
    }
  }

  return { locale, setLocale, reminderNotifications, setReminderNotifications }
})
