import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import SubscribePage from '../subscribe/index.vue'

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } })
}

const REGIONS: Record<string, unknown> = {
  '/public/regions': [{ code: '330000', name: '浙江省', level: 1, hasChildren: true }],
  '/public/regions/330000/children': [{ code: '330100', name: '杭州市', level: 2, hasChildren: true }],
  '/public/regions/330100/children': [{ code: '330105', name: '拱墅区', level: 3, hasChildren: true }],
  '/public/regions/330105/children': [{ code: '330105001', name: '米市巷街道', level: 4, hasChildren: false }],
}

/** A fetch answering the region picker's questions, and {@code answer} for anything else. */
function server(answer: () => Response) {
  return vi.fn((url: string) => Promise.resolve(url in REGIONS ? json(REGIONS[url]) : answer()))
}

/** Chooses 杭州市 → 拱墅区 → 米市巷街道 (the province is chosen by itself, being the only top region). */
async function pickMishixiang(page: Awaited<ReturnType<typeof open>>) {
  await flushPromises()
  await page.get('[data-testid=region-level-1]').setValue('330100')
  await flushPromises()
  await page.get('[data-testid=region-level-2]').setValue('330105')
  await flushPromises()
  await page.get('[data-testid=region-level-3]').setValue('330105001')
  await flushPromises()
}

function posts(fetch: ReturnType<typeof server>) {
  return fetch.mock.calls.filter(([url]) => !(url in REGIONS)) as unknown as [string, RequestInit][]
}

async function open() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/subscribe', component: SubscribePage }, { path: '/alerts', component: SubscribePage }] })
  await router.push('/subscribe')
  return mount(SubscribePage, { global: { plugins: [router, i18n, ElementPlus] } })
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('warning subscription page', () => {
  it('registers the mobile for a village and names the region the server found', async () => {
    const fetch = server(() => json({ alreadyRegistered: false, regionName: '浙江省杭州市拱墅区米市巷街道' }, 201))
    vi.stubGlobal('fetch', fetch)
    const page = await open()
    await page.get('[data-testid=subscribe-mobile]').setValue('138 0000 1234')
    await pickMishixiang(page)
    await page.get('[data-testid=subscribe-form]').trigger('submit')
    await flushPromises()
    const [url, init] = posts(fetch)[0]
    expect(url).toBe('/public/warning-subscriptions')
    expect(JSON.parse(init.body as string)).toEqual({ mobile: '13800001234', regionCode: '330105001', name: null, longitude: null, latitude: null })
    expect(page.get('[data-testid=subscribe-done]').text()).toContain('浙江省杭州市拱墅区米市巷街道')
    expect(page.get('[data-testid=subscribe-done]').text()).toContain('13800001234')
  })

  it('says when the number was registered before', async () => {
    vi.stubGlobal('fetch', server(() => json({ alreadyRegistered: true, regionName: '米市巷街道' })))
    const page = await open()
    await page.get('[data-testid=subscribe-mobile]').setValue('13800001234')
    await pickMishixiang(page)
    await page.get('[data-testid=subscribe-form]').trigger('submit')
    await flushPromises()
    expect(page.get('[data-testid=subscribe-done]').text()).toContain('已订阅')
  })

  it('asks nothing while the number is plainly wrong, and shows the server reason under the field', async () => {
    const fetch = server(() => json({
      status: 400, title: '请求有误', errors: [{ field: 'regionCode', message: '请选择乡镇（街道）或村（社区）' }],
    }, 400))
    vi.stubGlobal('fetch', fetch)
    const page = await open()
    await page.get('[data-testid=subscribe-mobile]').setValue('12345')
    await page.get('[data-testid=subscribe-form]').trigger('submit')
    await flushPromises()
    expect(posts(fetch)).toHaveLength(0)
    expect(page.text()).toContain('请输入 11 位手机号码')
    expect(page.text()).toContain('请选择到乡镇（街道）或村（社区）一级')
    await page.get('[data-testid=subscribe-mobile]').setValue('13800001234')
    await pickMishixiang(page)
    await page.get('[data-testid=subscribe-form]').trigger('submit')
    await flushPromises()
    expect(posts(fetch)).toHaveLength(1)
    expect(page.text()).toContain('请选择乡镇（街道）或村（社区）')
    expect(page.find('[data-testid=subscribe-done]').exists()).toBe(false)
  })
})
