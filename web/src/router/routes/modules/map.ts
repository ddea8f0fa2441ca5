import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'map', name: 'map', component: () => import('@/views/map/index.vue'), meta: { title: 'menu.map', fullBleed: true } },
] satisfies RouteRecordRaw[]
