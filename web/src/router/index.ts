// Route table. Pages load lazily; each route names its menu entry and title key.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string
    /** Path of the side-menu entry to highlight. */
    menu?: string
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/map' },
  {
    path: '/map',
    name: 'map',
    component: () => import('@/pages/MapPage.vue'),
    meta: { title: 'nav.map', menu: '/map' },
  },
  {
    path: '/places',
    name: 'places',
    component: () => import('@/pages/PlacesPage.vue'),
    meta: { title: 'nav.places', menu: '/places' },
  },
  {
    path: '/places/:id(\\d+)',
    name: 'place',
    component: () => import('@/pages/PlaceDetailPage.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { title: 'place.detail', menu: '/places' },
  },
  {
    path: '/persons',
    name: 'persons',
    component: () => import('@/pages/PersonsPage.vue'),
    meta: { title: 'nav.persons', menu: '/persons' },
  },
  {
    path: '/check',
    name: 'check',
    component: () => import('@/pages/CheckPage.vue'),
    meta: { title: 'nav.check', menu: '/check' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/NotFoundPage.vue'),
    meta: { title: 'common.notFound' },
  },
]

export const router = createRouter({
  history: createWebHistory(),
  routes,
})
