import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'resources/warehouses', name: 'warehouses', component: () => import('@/views/resource/warehouses/index.vue'), meta: { title: 'menu.warehouses' } },
  { path: 'resources/warehouses/:id', name: 'warehouse', component: () => import('@/views/resource/warehouse/index.vue'), meta: { title: 'resource.detail' } },
  { path: 'resources/supplies', name: 'supplies', component: () => import('@/views/resource/supplies/index.vue'), meta: { title: 'menu.supplies' } },
] satisfies RouteRecordRaw[]
