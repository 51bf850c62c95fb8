import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, used for document.title. */
    titleKey: string
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'home',
    component: () => import('@/features/passport/PassportHomePage.vue'),
    meta: { titleKey: 'nav.home' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/features/settings/SettingsPage.vue'),
    meta: { titleKey: 'settings.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/features/shell/ShellNotFoundPage.vue'),
    meta: { titleKey: 'not_found.title' },
  },
]

/** Destinations of the bottom tab bar (phones) and side navigation (from 1024 px), in order. */
export const navDestinations = [
  { name: 'home', labelKey: 'nav.home', icon: 'home' },
  { name: 'settings', labelKey: 'nav.settings', icon: 'settings' },
] as const

export function createAppRouter() {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
}
