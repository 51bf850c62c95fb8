import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router'
import type { AppRole } from '@/backend'
import { useSessionStore } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, used for document.title. */
    titleKey: string
    /** Open to signed-out users (sign-in, not found); every other route needs a signed-in user. */
    public?: boolean
    /** Only these app roles may open the page (the server refuses the others' data anyway). */
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
    path: '/division',
    name: 'division',
    component: () => import('@/features/division/DivisionDashboardPage.vue'),
    meta: { titleKey: 'division.dashboard.title', roles: ['dx_admin'] },
  },
  {
    path: '/division/effect',
    name: 'division-effect',
    component: () => import('@/features/division/DivisionEffectPage.vue'),
    meta: { titleKey: 'division.effect.title', roles: ['dx_admin'] },
  },
  {
    path: '/division/certification',
    name: 'division-certification',
    component: () => import('@/features/division/DivisionCertificationPage.vue'),
    meta: { titleKey: 'division.certification.title', roles: ['dx_admin'] },
  },
  {
    path: '/division/summary',
    name: 'division-summary',
    component: () => import('@/features/division/DivisionSummaryPage.vue'),
    meta: { titleKey: 'division.summary.title', roles: ['dx_admin'] },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/features/shell/ShellNotFoundPage.vue'),
    meta: { titleKey: 'not_found.title', public: true },
  },
]

export interface NavDestination {
  name: string
  labelKey: string
  icon: 'home' | 'areas' | 'settings' | 'division'
  /** Shown only to these app roles; everyone when left out. */
  roles?: readonly AppRole[]
}

/** Destinations of the bottom tab bar (phones) and side navigation (from 1024 px), in order. */
export const navDestinations: readonly NavDestination[] = [
  { name: 'home', labelKey: 'nav.home', icon: 'home' },
  { name: 'areas', labelKey: 'nav.areas', icon: 'areas' },
  { name: 'division', labelKey: 'nav.division', icon: 'division', roles: ['dx_admin'] },
  { name: 'settings', labelKey: 'nav.settings', icon: 'settings' },
]

/** The app role of the signed-in user as the replica knows it (null before the first pull). */
async function appRoleOf(userId: string): Promise<AppRole | null> {
  try {
    const { db } = await import('@/data')
    return (await db.replica('profiles').get(userId))?.app_role ?? null
  } catch {
    return null
  }
}

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
    // A page for some roles only: others go home. Before the profile has arrived the page opens, and
    // the server refuses its figures to anyone without the role (DXP070), which the page shows.
    if (session.user && to.meta.roles) {
      const role = await appRoleOf(session.user.id)
      if (role && !to.meta.roles.includes(role)) return { name: 'home' }
    }
    return true
  })
}
