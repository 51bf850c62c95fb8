import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import { backendKey, getBackend } from './backend'
import { i18n } from './i18n'
import { useSettingsStore } from './stores/settings'
import './ui/base.css'

const app = createApp(App)
app.use(createPinia())
app.use(createAppRouter())
app.use(i18n)
// The backend starts on first use, never at first paint (PGlite is megabytes).
app.provide(backendKey, getBackend)

// Apply a stored non-default language before mounting, so the first paint is in it.
void useSettingsStore()
  .setLocale(useSettingsStore().locale)
  .finally(() => app.mount('#app'))
