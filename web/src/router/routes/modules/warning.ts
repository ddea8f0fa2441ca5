import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'warnings', name: 'warnings', component: () => import('@/views/warning/list/index.vue'), meta: { title: 'menu.warnings' } },
  { path: 'warnings/new', name: 'warning-new', component: () => import('@/views/warning/form/index.vue'), meta: { title: 'warning.create' } },
  { path: 'warnings/:id/edit', name: 'warning-edit', component: () => import('@/views/warning/form/index.vue'), meta: { title: 'warning.edit' } },
  // 更新: the compose page prefilled from a warning in force, saved as an Update of it
  { path: 'warnings/:id/update', name: 'warning-update', component: () => import('@/views/warning/form/index.vue'), meta: { title: 'warning.actions.update' } },
  // 发送情况: the live delivery dashboard of a published warning (coverage and tasks of its campaigns)
  { path: 'warnings/:id/delivery', name: 'warning-delivery', component: () => import('@/views/warning/delivery/index.vue'), meta: { title: 'warning.delivery.title' } },
  { path: 'warnings/:id', name: 'warning', component: () => import('@/views/warning/detail/index.vue'), meta: { title: 'warning.detail' } },
] satisfies RouteRecordRaw[]

/** The public warning page, without login (phone-friendly): `/alerts`, and one warning by its CAP identifier. */
export const publicWarningRoutes = [
  // 叫应: the acknowledgement link of an SMS or e-mail (yingji.notification.ack.base-url, default http://host/ack/ + token)
  { path: '/ack/:token', name: 'public-ack', component: () => import('@/views/public/ack/index.vue'), meta: { public: true, title: 'warning.ack.title' } },
  // 订阅预警短信: the public registers a mobile for a township or village
  { path: '/subscribe', name: 'public-subscribe', component: () => import('@/views/public/subscribe/index.vue'), meta: { public: true, title: 'warning.subscribe.title' } },
  { path: '/alerts/:identifier?', name: 'public-warnings', component: () => import('@/views/public/warnings/index.vue'), meta: { public: true, title: 'warning.publicTitle' } },
] satisfies RouteRecordRaw[]
