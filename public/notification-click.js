// Imported by the service worker (vite.config.ts, workbox.importScripts). A tapped reminder
// notification brings the app forward at the reminder's page, or opens it there.
self.addEventListener('notificationclick', (event) => {
  event.notification.close()
  const url = new URL(event.notification.data?.url ?? '/', self.location.origin).href
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true })
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin)
      if (!open) return self.clients.openWindow(url)
      await open.focus()
      return open.navigate(url)
    })(),
  )
})
