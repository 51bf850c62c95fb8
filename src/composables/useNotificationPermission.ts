import { shallowRef, type Ref } from 'vue'

/** What the browser allows: 'unsupported' where it has no notifications for a web app (iPhone Safari outside an installed app). */
export type NotificationPermissionState = 'unsupported' | NotificationPermission

export function notificationPermission(): NotificationPermissionState {
  if (typeof Notification === 'undefined' || !('serviceWorker' in navigator)) return 'unsupported'
  return Notification.permission
}

/** The browser's notification permission, and asking for it (only ever from a tap: browsers refuse otherwise). */
export function useNotificationPermission(): {
  permission: Readonly<Ref<NotificationPermissionState>>
  request: () => Promise<NotificationPermissionState>
} {
  const permission = shallowRef(notificationPermission())
  async function request(): Promise<NotificationPermissionState> {
    if (permission.value === 'unsupported') return permission.value
    permission.value = await Notification.requestPermission()
    return permission.value
  }
  return { permission, request }
}
