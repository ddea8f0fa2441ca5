import { createRouter, createWebHistory } from 'vue-router'
import { setUnauthenticatedHandler } from '@/api/http'
import { useSessionStore } from '@/stores/session'
import { i18n } from '@/locales'
import workbench from './routes/modules/workbench'
import map from './routes/modules/map'
import enterprise from './routes/modules/enterprise'
import audit from './routes/modules/audit'
import risk from './routes/modules/risk'
import hazard, { publicHazardRoutes } from './routes/modules/hazard'
import notification from './routes/modules/notification'
import monitoring from './routes/modules/monitoring'
import warning, { publicWarningRoutes } from './routes/modules/warning'
import region from './routes/modules/region'
import resource from './routes/modules/resource'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/views/login/index.vue'), meta: { public: true } },
    ...publicHazardRoutes,
    ...publicWarningRoutes,
    {
      path: '/',
      component: () => import('@/layouts/BasicLayout.vue'),
      children: [...workbench, ...map, ...enterprise, ...risk, ...hazard, ...monitoring, ...warning, ...audit, ...notification, ...region, ...resource],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (to.meta.public) {
    return true
  }
  if (!session.me && !(await session.load())) {
    return { name: 'login', query: { redirect: to.fullPath } }
  }
  return true
})

router.afterEach((to) => {
  const title = to.meta.title ? i18n.global.t(to.meta.title as string) + ' · ' : ''
  document.title = title + i18n.global.t('app.title')
})

// A session that ends while the user works sends them to the login page with a friendly note.
setUnauthenticatedHandler(() => {
  const session = useSessionStore()
  if (session.me) {
    session.forget()
    const current = router.currentRoute.value
    void router.push({ name: 'login', query: { expired: '1', redirect: current.fullPath } })
  }
})
