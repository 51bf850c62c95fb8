// A blank Vite + Vue + PWA page built the way the app is (same plugins, target and manifest), so
// `npm run bench` can say how much the app adds to the floor.
import { fileURLToPath } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    vue(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: '空のページ',
        short_name: '空',
        lang: 'ja',
        start_url: '/',
        display: 'standalone',
        icons: [],
      },
      workbox: { globPatterns: ['**/*.{js,css,html}'], navigateFallback: 'index.html' },
    }),
  ],
  build: { target: 'es2022', manifest: true, emptyOutDir: true },
  logLevel: 'warn',
})
