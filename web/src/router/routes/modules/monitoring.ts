import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: 'devices', name: 'devices', component: () => import('@/views/monitoring/devices/index.vue'), meta: { title: 'menu.devices' } },
  { path: 'devices/:id', name: 'device', component: () => import('@/views/monitoring/device/index.vue'), meta: { title: 'device.detail' } },
  // /alarms/42 (the link of an alarm's notice) is the board with that alarm's detail open
  { path: 'alarms/:id?', name: 'alarms', component: () => import('@/views/monitoring/alarms/index.vue'), meta: { title: 'menu.alarms' } },
] satisfies RouteRecordRaw[]
