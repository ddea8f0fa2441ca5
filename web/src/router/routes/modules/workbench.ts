import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: '', name: 'workbench', component: () => import('@/views/workbench/index.vue'), meta: { title: 'menu.workbench' } },
] satisfies RouteRecordRaw[]
