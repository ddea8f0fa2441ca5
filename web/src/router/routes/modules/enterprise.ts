import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'enterprises', name: 'enterprises', component: () => import('@/views/enterprise/list/index.vue'), meta: { title: 'menu.enterprises' } },
  { path: 'enterprises/new', name: 'enterprise-create', component: () => import('@/views/enterprise/form/index.vue'), meta: { title: 'enterprise.create' } },
  { path: 'enterprises/:id', name: 'enterprise', component: () => import('@/views/enterprise/detail/index.vue'), meta: { title: 'enterprise.detail' } },
  { path: 'enterprises/:id/edit', name: 'enterprise-edit', component: () => import('@/views/enterprise/form/index.vue'), meta: { title: 'enterprise.edit' } },
] satisfies RouteRecordRaw[]
