import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/locales'
import AckPage from '../ack/index.vue'

const TOKEN = '12-3-AbCdEfGhIjKlMnOpQrStUv'

const message = {
  source: 'warning:12:staff', title: '米市巷街道暴雨橙色预警', body: '预计未来 6 小时降雨量 80 毫米以上，请立即到岗。', recipient: '张三',
  acknowledgementRequired: true, acknowledged: false, acknowledgedAt: null, issuedAt: '2026-11-23T06:00:00Z',
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } })
}

async function open(token = TOKEN) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/ack/:token', component: AckPage }] })
  await router.push(`/ack/${token}`)
  const page = mount(AckPage, { global: { plugins: [router, i18n] } })
  await flushPromises()
  return page
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('acknowledgement page', () => {
  it('shows the message and confirms it with one button', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(json(message))
      .mockResolvedValueOnce(json({ ...message, acknowledged: true, acknowledgedAt: '2026-11-23T06:05:00Z' }))
    vi.stubGlobal('fetch', fetch)
    const page = await open()
    expect(fetch.mock.calls[0][0]).toBe(`/public/ack/${TOKEN}`)
    expect(page.get('[data-testid=ack-title]').text()).toBe('米市巷街道暴雨橙色预警')
    expect(page.get('[data-testid=ack-body]').text()).toContain('请立即到岗')
    expect(page.text()).toContain('接收人：张三')
    expect(page.text()).toContain('2026-11-23 14:00')
    expect(page.find('[data-testid=ack-done]').exists()).toBe(false)
    await page.get('[data-testid=ack-confirm]').trigger('click')
    await flushPromises()
    const [url, init] = fetch.mock.calls[1]
    expect(url).toBe(`/public/ack/${TOKEN}`)
    expect(init.method).toBe('POST')
    expect(page.get('[data-testid=ack-done]').text()).toContain('已于 2026-11-23 14:05 确认收到')
    expect(page.find('[data-testid=ack-confirm]').exists()).toBe(false)
  })

  it('says so when the message was confirmed before, without a button', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ ...message, acknowledged: true, acknowledgedAt: '2026-11-23T06:02:00Z' })))
    const page = await open()
    expect(page.get('[data-testid=ack-done]').text()).toContain('14:02')
    expect(page.find('[data-testid=ack-confirm]').exists()).toBe(false)
  })

  it('notes when no confirmation is asked, and still lets the recipient confirm', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ ...message, acknowledgementRequired: false })))
    const page = await open()
    expect(page.find('[data-testid=ack-not-required]').exists()).toBe(true)
    expect(page.find('[data-testid=ack-confirm]').exists()).toBe(true)
  })

  it("gives the server's reason for a bad or expired link", async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({
      status: 404, title: '未找到', detail: '确认链接无效或已失效，请核对短信、邮件中的链接是否完整',
    }, 404)))
    const page = await open('nonsense')
    const invalid = page.get('[data-testid=ack-invalid]').text()
    expect(invalid).toContain('链接无效或已过期')
    expect(invalid).toContain('请核对短信、邮件中的链接是否完整')
    expect(page.find('[data-testid=ack-message]').exists()).toBe(false)
  })

  it('keeps the message and offers to try again when confirming does not get through', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(json(message))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(json({ ...message, acknowledged: true, acknowledgedAt: '2026-11-23T06:05:00Z' }))
    vi.stubGlobal('fetch', fetch)
    const page = await open()
    await page.get('[data-testid=ack-confirm]').trigger('click')
    await flushPromises()
    expect(page.get('[data-testid=ack-failed]').text()).toContain('确认未成功')
    expect(page.find('[data-testid=ack-message]').exists()).toBe(true)
    await page.get('[data-testid=ack-retry]').trigger('click')
    await flushPromises()
    expect(fetch.mock.calls[2][1].method).toBe('POST')
    expect(page.find('[data-testid=ack-done]').exists()).toBe(true)
    expect(page.find('[data-testid=ack-failed]').exists()).toBe(false)
  })
})
