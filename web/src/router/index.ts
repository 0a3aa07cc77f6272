// Route table and guards. Pages load lazily; each route names its menu entry,
// title key, the permission it needs and the frame it is shown in.
import { createRouter, createWebHistory, type LocationQuery, type RouteMeta, type RouteRecordRaw } from 'vue-router'
import { auth, can, initAuth, onSessionExpired } from '@/stores/auth'
import { homePath, safeRedirect } from '@/lib/access'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string
    /** Path of the side-menu entry to highlight. */
    menu?: string
    /** Open without signing in (login, the resident's report and tracking pages). */
    public?: boolean
    /** The permission the signed-in user needs (see GET /api/v1/openapi.json x-permission). */
    permission?: string
    /** 'shell' (header and side menu, the default), 'mobile' (phone pages) or 'bare' (login). */
    layout?: 'shell' | 'mobile' | 'bare'
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', redirect: () => homePath(auth.user) },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/pages/LoginPage.vue'),
    meta: { title: 'login.title', public: true, layout: 'bare' },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/pages/DashboardPage.vue'),
    meta: { title: 'nav.dashboard', menu: '/dashboard', permission: 'metrics_read' },
  },
  {
    path: '/emergencies',
    name: 'emergencies',
    component: () => import('@/pages/EmergenciesPage.vue'),
    meta: { title: 'nav.emergency', menu: '/emergencies', permission: 'emergency_read' },
  },
  {
    path: '/emergencies/:id(\\d+)',
    name: 'emergency',
    component: () => import('@/pages/EmergencyDetailPage.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { title: 'nav.emergency', menu: '/emergencies', permission: 'emergency_read' },
  },
  {
    path: '/cases',
    name: 'cases',
    component: () => import('@/pages/CasesPage.vue'),
    meta: { title: 'nav.cases', menu: '/cases', permission: 'case_read' },
  },
  {
    path: '/cases/new',
    name: 'case-new',
    component: () => import('@/pages/CaseNewPage.vue'),
    meta: { title: 'nav.caseNew', menu: '/cases/new', permission: 'case_intake' },
  },
  {
    path: '/cases/:id(\\d+)',
    name: 'case',
    component: () => import('@/pages/CaseDetailPage.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { title: 'case.detail', menu: '/cases', permission: 'case_read' },
  },
  {
    path: '/map',
    name: 'map',
    component: () => import('@/pages/MapPage.vue'),
    meta: { title: 'nav.map', menu: '/map', permission: 'map_read' },
  },
  {
    path: '/places',
    name: 'places',
    component: () => import('@/pages/PlacesPage.vue'),
    meta: { title: 'nav.places', menu: '/places', permission: 'map_read' },
  },
  {
    path: '/places/:id(\\d+)',
    name: 'place',
    component: () => import('@/pages/PlaceDetailPage.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { title: 'place.detail', menu: '/places', permission: 'map_read' },
  },
  {
    path: '/persons',
    name: 'persons',
    component: () => import('@/pages/PersonsPage.vue'),
    meta: { title: 'nav.persons', menu: '/persons', permission: 'people_read' },
  },
  {
    path: '/check',
    name: 'check',
    component: () => import('@/pages/CheckPage.vue'),
    meta: { title: 'nav.check', menu: '/check', permission: 'map_read' },
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('@/pages/AuditPage.vue'),
    meta: { title: 'nav.audit', menu: '/audit', permission: 'audit_read' },
  },
  // Administration (subdistrict admins).
  {
    path: '/admin/categories',
    name: 'admin-categories',
    component: () => import('@/pages/admin/CategoriesPage.vue'),
    meta: { title: 'nav.categories', menu: '/admin/categories', permission: 'case_admin' },
  },
  {
    path: '/admin/routing-rules',
    name: 'admin-routing-rules',
    component: () => import('@/pages/admin/RoutingRulesPage.vue'),
    meta: { title: 'nav.routingRules', menu: '/admin/routing-rules', permission: 'case_admin' },
  },
  {
    path: '/admin/calendar',
    name: 'admin-calendar',
    component: () => import('@/pages/admin/CalendarPage.vue'),
    meta: { title: 'nav.calendar', menu: '/admin/calendar', permission: 'case_admin' },
  },
  {
    path: '/admin/emergency-roles',
    name: 'admin-emergency-roles',
    component: () => import('@/pages/admin/EmergencyRolesPage.vue'),
    meta: { title: 'nav.emergencyRoles', menu: '/admin/emergency-roles', permission: 'case_admin' },
  },
  // Community life.
  {
    path: '/patrols',
    name: 'patrols',
    component: () => import('@/pages/life/PatrolsPage.vue'),
    meta: { title: 'life.nav.patrols', menu: '/patrols', permission: 'life_read' },
  },
  {
    path: '/visits',
    name: 'visits',
    component: () => import('@/pages/life/VisitsPage.vue'),
    meta: { title: 'life.nav.visits', menu: '/visits', permission: 'life_read' },
  },
  {
    path: '/topics',
    name: 'topics',
    component: () => import('@/pages/life/TopicsPage.vue'),
    meta: { title: 'life.nav.topics', menu: '/topics', permission: 'life_read' },
  },
  {
    path: '/topics/:id(\\d+)',
    name: 'topic',
    component: () => import('@/pages/life/TopicDetailPage.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { title: 'life.topic.detail', menu: '/topics', permission: 'life_read' },
  },
  {
    path: '/conventions',
    name: 'conventions',
    component: () => import('@/pages/life/ConventionsPage.vue'),
    meta: { title: 'life.nav.conventions', menu: '/conventions', permission: 'life_read' },
  },
  {
    path: '/notices',
    name: 'notices',
    component: () => import('@/pages/life/NoticesPage.vue'),
    meta: { title: 'life.nav.notices', menu: '/notices', permission: 'life_read' },
  },
  {
    path: '/m/community',
    name: 'm-community',
    component: () => import('@/pages/mobile/CommunityPage.vue'),
    meta: { title: 'life.mobile.title', permission: 'life_read', layout: 'mobile' },
  },
  // Phone pages.
  {
    path: '/m/report',
    name: 'm-report',
    component: () => import('@/pages/mobile/ReportPage.vue'),
    meta: { title: 'report.title', public: true, layout: 'mobile' },
  },
  {
    path: '/m/track/:token',
    name: 'm-track',
    component: () => import('@/pages/mobile/TrackPage.vue'),
    props: true,
    meta: { title: 'track.title', public: true, layout: 'mobile' },
  },
  {
    path: '/m/volunteer',
    name: 'm-volunteer',
    component: () => import('@/pages/mobile/VolunteerPage.vue'),
    meta: { title: 'volunteer.title', permission: 'case_act', layout: 'mobile' },
  },
  {
    path: '/m/emergency',
    name: 'm-emergency',
    component: () => import('@/pages/mobile/EmergencyPage.vue'),
    meta: { title: 'emergency.mobileTitle', permission: 'signed_in', layout: 'mobile' },
  },
  {
    path: '/forbidden',
    name: 'forbidden',
    component: () => import('@/pages/ForbiddenPage.vue'),
    meta: { title: 'auth.forbidden' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/NotFoundPage.vue'),
    meta: { title: 'common.notFound', public: true },
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})

/** Where a guard sends a visitor going to `to`; true lets them through. */
export function guard(to: { name?: unknown; meta: RouteMeta; fullPath: string; query: LocationQuery }) {
  if (to.name === 'login' && auth.user) {
    const back = typeof to.query.redirect === 'string' ? to.query.redirect : ''
    return safeRedirect(back) ?? homePath(auth.user)
  }
  if (to.meta.public) return true
  if (!auth.user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (to.meta.permission && !can(to.meta.permission)) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
}

router.beforeEach(async (to) => {
  await initAuth()
  return guard(to)
})

// The session ended (signed out elsewhere, expired): back to the login page,
// returning here afterwards.
onSessionExpired(() => {
  const current = router.currentRoute.value
  if (current.meta.public) return
  void router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
})
