import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'audit', name: 'audit', component: () => import('@/views/audit/index.vue'), meta: { title: 'menu.audit' } },
] satisfies RouteRecordRaw[]
