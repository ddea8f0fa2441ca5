import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import NotificationBell from '../NotificationBell.vue'
import { FakeEventSource as FakeSource } from '@/test-support/FakeEventSource'


const notice = {
  id: 41, kind: 'warning.published', title: '拱墅区暴雨橙色预警', body: '预计未来 6 小时降雨量 80 毫米以上，请立即到岗。',
  link: '/warnings/7', createdAt: '2026-11-23T06:00:00Z', readAt: null,
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

async function mountBell() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { template: '<div />' } }] })
  await router.push('/')
  const bell = mount(NotificationBell, { global: { plugins: [createPinia(), router, i18n, ElementPlus], stubs: { Bell: true } }, attachTo: document.body })
  await flushPromises()
  return bell
}

describe('notification bell', () => {
  let fetch: ReturnType<typeof vi.fn>

  beforeEach(() => {
    FakeSource.all = []
    vi.stubGlobal('EventSource', FakeSource)
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} }))
    fetch = vi.fn().mockImplementation(() => Promise.resolve(json({ count: 2 })))
    vi.stubGlobal('fetch', fetch)
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('listens to the notice stream and counts and shows a new notice at once, without asking the server', async () => {
    const bell = await mountBell()
    expect(FakeSource.all.map((s) => s.url)).toEqual(['/api/notifications/stream'])
    const badge = bell.get('[data-testid=notification-bell]')
    expect(badge.attributes('data-unread')).toBe('2')
    const asked = fetch.mock.calls.length
    FakeSource.all[0].readyState = 1
    FakeSource.all[0].emit('open')
    FakeSource.all[0].emit('notice', { data: JSON.stringify(notice) })
    await flushPromises()
    expect(badge.attributes('data-unread')).toBe('3')
    const toast = document.body.querySelector('.yj-notice-toast')
    expect(toast?.textContent).toContain('拱墅区暴雨橙色预警')
    expect(toast?.textContent).toContain('请立即到岗')
    expect(fetch.mock.calls.length).toBe(asked)
    bell.unmount()
    expect(FakeSource.all[0].closed).toBe(true)
  })
})
