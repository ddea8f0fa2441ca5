import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import MyAcknowledgement from '../MyAcknowledgement.vue'

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } })
}

async function open() {
  const page = mount(MyAcknowledgement, { props: { source: 'warning:12:staff' }, global: { plugins: [i18n, ElementPlus] } })
  await flushPromises()
  return page
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('in-app acknowledgement of a warning', () => {
  it('asks a recipient who has not confirmed, and confirms with one click', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(json({ source: 'warning:12:staff', acknowledged: false, acknowledgedAt: null }))
      .mockResolvedValueOnce(json({ source: 'warning:12:staff', targets: 1 }))
      .mockResolvedValueOnce(json({ source: 'warning:12:staff', acknowledged: true, acknowledgedAt: '2026-11-23T06:05:00Z' }))
    vi.stubGlobal('fetch', fetch)
    const page = await open()
    expect(fetch.mock.calls[0][0]).toBe('/api/notifications/campaigns/warning:12:staff/ack')
    expect(page.text()).toContain('请确认已收到')
    await page.get('[data-testid=my-ack-confirm]').trigger('click')
    await flushPromises()
    expect(fetch.mock.calls[1][1].method).toBe('POST')
    expect(page.get('[data-testid=my-ack-done]').text()).toContain('2026-11-23 14:05')
    expect(page.find('[data-testid=my-ack-confirm]').exists()).toBe(false)
  })

  it('shows nothing to someone the warning was not sent to', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(json({ status: 404, title: 'Not Found', detail: '没有找到' }, 404)))
    const page = await open()
    expect(page.find('[data-testid=my-ack]').exists()).toBe(false)
  })
})
