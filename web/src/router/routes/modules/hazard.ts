import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'hazards', name: 'hazards', component: () => import('@/views/hazard/list/index.vue'), meta: { title: 'menu.hazards' } },
  { path: 'hazards/:id', name: 'hazard', component: () => import('@/views/hazard/detail/index.vue'), meta: { title: 'menu.hazards' } },
] satisfies RouteRecordRaw[]

/** Pages for the public, without login. */
export const publicHazardRoutes = [
  { path: '/report', name: 'public-report', component: () => import('@/views/public/report/index.vue'), meta: { public: true, title: 'hazard.publicTitle' } },
  { path: '/track/:code?', name: 'public-track', component: () => import('@/views/public/track/index.vue'), meta: { public: true, title: 'hazard.trackTitle' } },
] satisfies RouteRecordRaw[]
