import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'regions/boundaries', name: 'boundaries', component: () => import('@/views/region/boundaries/index.vue'), meta: { title: 'boundary.title' } },
] satisfies RouteRecordRaw[]
