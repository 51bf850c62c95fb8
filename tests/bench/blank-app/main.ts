// The floor the app's figures are compared with: Vue rendering one heading, with a service worker.
/// <reference types="vite-plugin-pwa/client" />
import { createApp, h } from 'vue'
import { registerSW } from 'virtual:pwa-register'

createApp({ render: () => h('main', [h('h1', 'ようこそ')]) }).mount('#app')
registerSW({ immediate: true })
