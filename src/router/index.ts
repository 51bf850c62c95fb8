import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router'
import type { AppRole } from '@/backend'
import { useSessionStore } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, used for document.title. */
    titleKey: string
    /** Open to signed-out users (sign-in, not found); every other route needs a signed-in user. */
    public?: boolean
    /** Only these app roles (from the replica's own profile) may open the route; others go home. */
    roles?: readonly AppRole[]
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
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('@/features/session/SessionSignInPage.vue'),
    meta: { titleKey: 'session.sign_in_title', public: true },
  },
  {
    path: '/areas',
    name: 'areas',
    component: () => import('@/features/areas/AreasListPage.vue'),
    meta: { titleKey: 'areas.list_title' },
  },
  {
    path: '/areas/:code',
    name: 'area',
    component: () => import('@/features/areas/AreasDetailPage.vue'),
    props: true,
    meta: { titleKey: 'areas.list_title' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/features/settings/SettingsPage.vue'),
    meta: { titleKey: 'settings.title' },
  },
  {
    path: '/admin/catalogue',
    name: 'admin-catalogue',
    component: () => import('@/features/admin/AdminCataloguePage.vue'),
    meta: { titleKey: 'admin.catalogue.title', roles: ['dx_admin'] },
  },
  {
    path: '/admin/catalogue/trainings/:id',
    name: 'admin-training',
    component: () => import('@/features/admin/AdminTrainingPage.vue'),
    props: true,
    meta: { titleKey: 'admin.catalogue.title', roles: ['dx_admin'] },
  },
  {
    path: '/admin/directory',
    name: 'admin-directory',
    component: () => import('@/features/admin/AdminDirectoryPage.vue'),
    meta: { titleKey: 'admin.directory.title', roles: ['dx_admin'] },
  },
  {
    path: '/admin/directory/import',
    name: 'admin-directory-import',
    component: () => import('@/features/admin/AdminDirectoryImportPage.vue'),
    meta: { titleKey: 'admin.import.title', roles: ['dx_admin'] },
  },
  {
    path: '/admin/org',
    name: 'admin-org',
    component: () => import('@/features/admin/AdminOrgPage.vue'),
    meta: { titleKey: 'admin.org.title', roles: ['dx_admin'] },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/features/shell/ShellNotFoundPage.vue'),
    meta: { titleKey: 'not_found.title', public: true },
  },
]

/** Destinations of the bottom tab bar (phones) and side navigation (from 1024 px), in order. */
export const navDestinations = [
  { name: 'home', labelKey: 'nav.home', icon: 'home' },
  { name: 'areas', labelKey: 'nav.areas', icon: 'areas' },
  { name: 'settings', labelKey: 'nav.settings', icon: 'settings' },
] as const

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  installSessionGuard(router)
  return router
}

/** Signed-out users go to sign-in (then back where they were going); signed-in users skip it. */
export function installSessionGuard(router: Router): void {
  router.beforeEach(async (to) => {
    // The 404 page needs no one: it shows at once, even while the backend starts.
    if (to.meta.public && to.name !== 'sign-in') return true
    const session = useSessionStore()
    if (session.phase === 'starting') await session.whenStarted()
    // A failed start is shown by the shell with what to do; no route can help.
    if (session.phase === 'failed') return true
    if (!session.user && !to.meta.public) {
      return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (session.user && to.name === 'sign-in') return { name: 'home' }
    if (session.user && to.meta.roles) {
      // Loaded only for role-guarded routes, so first paint does not wait for Dexie.
      const { db } = await import('@/data')
      const profile = await db.replica('profiles').get(session.user.id)
      if (!profile || !to.meta.roles.includes(profile.app_role)) return { name: 'home' }
    }
    return true
  })
}
