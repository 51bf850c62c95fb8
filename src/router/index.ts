import { createRouter, createWebHistory, type Router, type RouteRecordRaw } from 'vue-router'
import type { AppRole } from '@/domain'
import { useAuthStore } from '@/stores/auth'
import { activeKioskSession } from '@/data/kiosk'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title, used for document.title. */
    titleKey: string
    /** Open to signed-out users (sign-in, not found); every other route needs a signed-in user. */
    public?: boolean
    /** App roles that may open the page; everyone signed in when absent. */
    roles?: readonly AppRole[]
    /** The venue's shared-device survey page: the app's navigation is hidden. */
    kiosk?: boolean
  }
}

const FACILITATOR_ROLES: readonly AppRole[] = ['facilitator', 'dx_admin']

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
    component: () => import('@/features/auth/AuthSignInPage.vue'),
    meta: { titleKey: 'auth.sign_in_title', public: true },
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
    // Opened from the QR code shown at the venue; a signed-out visitor signs in and comes back here.
    path: '/s/:sessionId/survey',
    name: 'session-survey',
    component: () => import('@/features/surveys/SurveySessionPage.vue'),
    props: true,
    meta: { titleKey: 'survey.title' },
  },
  {
    path: '/s/:sessionId/follow-up',
    name: 'session-follow-up',
    component: () => import('@/features/surveys/SurveySessionPage.vue'),
    props: (route) => ({ sessionId: String(route.params.sessionId), phase: 'follow_up' }),
    meta: { titleKey: 'survey.follow_up_title' },
  },
  {
    path: '/catalogue',
    name: 'catalogue',
    component: () => import('@/features/catalogue/CatalogueListPage.vue'),
    meta: { titleKey: 'catalogue.title' },
  },
  {
    path: '/sessions/:id',
    name: 'session',
    component: () => import('@/features/catalogue/CatalogueSessionPage.vue'),
    props: true,
    meta: { titleKey: 'catalogue.title' },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/features/settings/SettingsPage.vue'),
    meta: { titleKey: 'settings.title' },
  },
  {
    path: '/route',
    name: 'route',
    component: () => import('@/features/route/RoutePage.vue'),
    meta: { titleKey: 'route.title' },
  },
  {
    path: '/route/certificate',
    name: 'certificate',
    component: () => import('@/features/route/RouteCertificatePage.vue'),
    meta: { titleKey: 'certificate.title' },
  },
  {
    path: '/me/qr',
    name: 'my-qr',
    component: () => import('@/features/passport/PassportQrPage.vue'),
    meta: { titleKey: 'qr.title' },
  },
  {
    path: '/history',
    name: 'history',
    component: () => import('@/features/history/HistoryPage.vue'),
    meta: { titleKey: 'history.title' },
  },
  {
    path: '/facilitator',
    name: 'facilitator',
    component: () => import('@/features/facilitator/FacilitatorSessionsPage.vue'),
    meta: { titleKey: 'facilitator.list_title', roles: FACILITATOR_ROLES },
  },
  {
    path: '/facilitator/sessions/:id',
    name: 'facilitator-session',
    component: () => import('@/features/facilitator/FacilitatorSessionPage.vue'),
    meta: { titleKey: 'facilitator.list_title', roles: FACILITATOR_ROLES },
  },
  {
    path: '/facilitator/sessions/:id/kiosk',
    name: 'facilitator-kiosk',
    component: () => import('@/features/facilitator/FacilitatorKioskPage.vue'),
    // kiosk: App.vue hides the app's navigation while attendees hold the device.
    meta: { titleKey: 'kiosk.title', roles: FACILITATOR_ROLES, kiosk: true },
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
    path: '/admin/elearning',
    name: 'admin-elearning',
    component: () => import('@/features/admin/AdminElearningImportPage.vue'),
    meta: { titleKey: 'admin.elearning.title', roles: ['dx_admin'] },
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

/** The icons ShellNavIcon draws, one per destination. */
export type NavIconName = 'home' | 'areas' | 'catalogue' | 'route' | 'facilitator' | 'division' | 'settings'

export interface NavDestination {
  name: string
  labelKey: string
  icon: NavIconName
  /** Shown only to these app roles; to everyone when absent. */
  roles?: readonly AppRole[]
}

/** Destinations of the bottom tab bar (phones) and side navigation (from 1024 px), in order. */
export const navDestinations: readonly NavDestination[] = [
  { name: 'home', labelKey: 'nav.home', icon: 'home' },
  { name: 'areas', labelKey: 'nav.areas', icon: 'areas' },
  { name: 'catalogue', labelKey: 'nav.catalogue', icon: 'catalogue' },
  { name: 'route', labelKey: 'nav.route', icon: 'route' },
  { name: 'facilitator', labelKey: 'facilitator.nav_label', icon: 'facilitator', roles: FACILITATOR_ROLES },
  { name: 'division', labelKey: 'nav.division', icon: 'division', roles: ['dx_admin'] },
  { name: 'settings', labelKey: 'nav.settings', icon: 'settings' },
]

/** The destinations a person with this app role sees (null: not known yet, only the open ones). */
export function navDestinationsFor(role: AppRole | null | undefined): NavDestination[] {
  return navDestinations.filter((d) => !d.roles || (role != null && d.roles.includes(role)))
}

/** The signed-in person's app role from the device's replica, or null before the first pull brought it. */
async function appRoleOf(userId: string): Promise<AppRole | null> {
  const { db } = await import('@/data')
  return (await db.replica('profiles').get(userId))?.app_role ?? null
}

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  installAuthGuard(router)
  return router
}

/** Signed-out users go to sign-in (then back where they were going); signed-in users skip it. */
export function installAuthGuard(router: Router): void {
  router.beforeEach(async (to) => {
    // The 404 page needs no one: it shows at once, even while the backend starts.
    if (to.meta.public && to.name !== 'sign-in') return true
    const auth = useAuthStore()
    if (auth.phase === 'starting') await auth.whenStarted()
    // A failed start is shown by the shell with what to do; no route can help.
    if (auth.phase === 'failed') return true
    if (!auth.user && !to.meta.public) {
      return { name: 'sign-in', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
    }
    if (auth.user && to.name === 'sign-in') return { name: 'home' }
    // Kiosk mode survives a reload and a Back that reloads the page: only the PIN on the kiosk page ends it.
    const kioskSession = auth.user ? activeKioskSession() : null
    if (kioskSession && !(to.name === 'facilitator-kiosk' && to.params.id === kioskSession)) {
      return { name: 'facilitator-kiosk', params: { id: kioskSession } }
    }
    // The server refuses the data anyway; this keeps people off pages that are not for them. A role
    // not known yet (first sign-in, before the pull) lets the page itself say so once it is.
    const roles = to.meta.roles
    if (auth.user && roles) {
      const role = await appRoleOf(auth.user.id).catch(() => null)
      if (role !== null && !roles.includes(role)) return { name: 'home' }
    }
    return true
  })
}
