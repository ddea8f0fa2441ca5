import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'risk', name: 'risk', component: () => import('@/views/risk/list/index.vue'), meta: { title: 'menu.risk' } },
] satisfies RouteRecordRaw[]
