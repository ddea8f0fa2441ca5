import type { RouteRecordRaw } from 'vue-router'

/** Every account has an inbox, so the page needs no permission. */
export default [
  { path: 'notifications', name: 'notifications', component: () => import('@/views/notification/index.vue'), meta: { title: 'notification.title' } },
] satisfies RouteRecordRaw[]
