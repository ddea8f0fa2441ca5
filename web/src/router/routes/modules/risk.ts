import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'risk', name: 'risk', component: () => import('@/views/risk/list/index.vue'), meta: { title: 'menu.risk' } },
  { path: 'risk/commitments', name: 'commitments', component: () => import('@/views/risk/commitments/index.vue'), meta: { title: 'menu.commitments' } },
  { path: 'risk/zones', name: 'zones', component: () => import('@/views/risk/zones/index.vue'), meta: { title: 'zoning.title' } },
] satisfies RouteRecordRaw[]
