import { fileURLToPath } from 'node:url'
import { defineConfig, loadEnv } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'
import pkg from './package.json' with { type: 'json' }

// DADS key colour (blue 900), also the manifest theme colour.
const themeColor = '#0017c1'

// Same test as src/backend/index.ts. The mode is not known here (vitest merges this object), so
// `.env` and `.env.production` (+ `.local`) and the process environment decide, as for `vite build`.
const env = loadEnv(
  process.env.NODE_ENV === 'development' ? 'development' : 'production',
  process.cwd(),
  'VITE_',
)
const embeddedBackend = !(env.VITE_SUPABASE_URL && env.VITE_SUPABASE_ANON_KEY)

// PGlite (wasm 8.7 MiB, data 6 MiB) is precached only when the demo runs on it: a Supabase
// build's first install never downloads it. The QR reader's wasm (zxing, 1.1 MiB, under workbox's
// default 2 MiB limit) is precached in every build: a facilitator at a venue with no network must
// still be able to scan after one visit online, on browsers without BarcodeDetector.
const precachePatterns = ['**/*.{js,css,html,svg,png,ico,webmanifest,woff2}', '**/zxing_reader-*.wasm']
const workboxForBackend = embeddedBackend
  ? {
      globPatterns: [...precachePatterns, '**/*.{wasm,data}'],
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    }
  : { globPatterns: precachePatterns, globIgnores: ['**/pglite*', '**/*.worker-*'] }

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    // Composition API only: drop vue-i18n's legacy API from the bundle.
    __VUE_I18N_LEGACY_API__: 'false',
    // No <i18n-t>, <i18n-d>, <i18n-n> or v-t in the app: keep them out of the first paint.
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  plugins: [
    vue(),
    VitePWA({
      // 'prompt': a new version waits for the user, so a half-filled form is never reloaded away.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon-180x180.png', 'robots.txt', 'notification-click.js'],
      manifest: {
        name: 'DXまなびパスポート',
        short_name: 'DXパスポート',
        description: '厚木市 DX人材育成計画の学習・研修・認定を支えるアプリ',
        lang: 'ja',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: themeColor,
        background_color: '#ffffff',
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        ...workboxForBackend,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // A tapped reminder notification opens the app at its page (public/notification-click.js).
        importScripts: ['notification-click.js'],
      },
    }),
  ],
  build: {
    target: 'es2022',
    manifest: true,
  },
  // The PGlite worker imports PGlite as an ES module.
  worker: { format: 'es' },
  // Pre-bundling would move PGlite away from its wasm and data files (new URL(…, import.meta.url)).
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
})
