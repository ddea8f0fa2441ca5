import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import CampaignCoverage from '../delivery/CampaignCoverage.vue'

const plugins = [ElementPlus, i18n]

function figures(overrides: Record<string, unknown> = {}) {
  return {
    targeted: 1200, sent: 1100, delivered: 1000, acknowledged: 900, reached: 1000, failed: 50, pending: 50, unreachable: 0,
    publicTargeted: 0, publicReached: 0, publicCoverageRate: null, dutyTargeted: 1200, dutyAcknowledged: 900, dutyAcknowledgementRate: 0.75,
    ...overrides,
  }
}

const coverage = {
  source: 'warning:9:staff', regionCode: '330105', acknowledgementRequired: true, createdAt: '2026-11-23T06:00:00Z',
  total: figures(),
  regions: [{ regionCode: '330105001', figures: figures({ targeted: 1200 }) }],
  channels: [{ regionCode: '330105001', channel: 'SMS', targeted: 1200, sent: 1100, delivered: 1000, failed: 50, acknowledged: 900 }],
}

const task = {
  id: 1, targetNo: 3, name: '张三', regionCode: '330105001', group: '村(社区)网格员', channel: 'SMS', round: 1, status: 'FAILED',
  attempts: 3, lastError: '网关超时', createdAt: '2026-11-23T06:00:00Z', updatedAt: '2026-11-23T06:01:00Z', sentAt: null,
  deliveredAt: null, failedAt: '2026-11-23T06:01:00Z', acknowledgedAt: null,
}

function answer(url: string): Response {
  const body = url.includes('/coverage') ? coverage : { content: [task], page: 0, size: 20, totalElements: 1, totalPages: 1 }
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
}

beforeEach(() => {
  vi.useFakeTimers()
  // jsdom has no media queries: a desktop screen
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: false, media: query, addEventListener: () => {}, removeEventListener: () => {} }))
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('CampaignCoverage', () => {
  it('shows the figures, 到岗到人率 and tasks, and asks again every 5 s', async () => {
    const fetch = vi.fn().mockImplementation(async (url: string) => answer(url))
    vi.stubGlobal('fetch', fetch)
    const view = mount(CampaignCoverage, {
      props: { source: 'warning:9:staff', kind: 'staff', regions: [{ code: '330105001', name: '米市巷街道', path: '拱墅区 / 米市巷街道' }] },
      global: { plugins },
    })
    await flushPromises()
    expect(fetch.mock.calls.map((c) => c[0])).toEqual([
      '/api/notifications/campaigns/warning:9:staff/coverage?by=township',
      '/api/notifications/campaigns/warning:9:staff/tasks?page=0&size=20',
    ])
    expect(view.get('[data-testid=campaign-rate]').text()).toContain('到岗到人率')
    expect(view.get('[data-testid=campaign-rate]').text()).toContain('75%')
    expect(view.get('[data-testid=figure-targeted]').text()).toContain('1,200')
    expect(view.get('[data-testid=figure-failed]').text()).toContain('50')
    expect(view.get('[data-testid=campaign-regions]').text()).toContain('米市巷街道')
    expect(view.get('[data-testid=campaign-channels]').text()).toContain('短信')
    const tasks = view.get('[data-testid=campaign-tasks]').text()
    expect(tasks).toContain('张三')
    expect(tasks).toContain('失败')
    vi.advanceTimersByTime(5000)
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(4)
    // rolled up to the county on request
    await view.get('[data-testid=campaign-roll-up]').findAll('input').find((i) => (i.element as HTMLInputElement).value === 'county')!.setValue(true)
    await flushPromises()
    expect(fetch.mock.calls.map((c) => c[0])).toContain('/api/notifications/campaigns/warning:9:staff/coverage?by=county')
    const asked = fetch.mock.calls.length
    // nothing more once the page is left
    view.unmount()
    vi.advanceTimersByTime(20000)
    expect(fetch).toHaveBeenCalledTimes(asked)
  })

  it('shows 发布公众覆盖率 for the public campaign', async () => {
    const pub = { ...coverage, total: figures({ publicTargeted: 800, publicReached: 600, publicCoverageRate: 0.75, dutyTargeted: 0, dutyAcknowledgementRate: null }) }
    vi.stubGlobal('fetch', vi.fn().mockImplementation(async (url: string) => (url.includes('/coverage')
      ? new Response(JSON.stringify(pub), { status: 200 }) : answer(url))))
    const view = mount(CampaignCoverage, { props: { source: 'warning:9:public', kind: 'public' }, global: { plugins } })
    await flushPromises()
    expect(view.get('[data-testid=campaign-rate]').text()).toContain('发布公众覆盖率')
    expect(view.get('[data-testid=campaign-rate]').text()).toContain('75%')
    view.unmount()
  })

  it('says there is nobody of this kind when the campaign does not exist', async () => {
    const fetch = vi.fn().mockImplementation(async () => new Response(JSON.stringify({ status: 404, title: '未找到' }), { status: 404 }))
    vi.stubGlobal('fetch', fetch)
    const view = mount(CampaignCoverage, { props: { source: 'warning:9:public', kind: 'public' }, global: { plugins } })
    await flushPromises()
    expect(view.find('[data-testid=campaign-none]').exists()).toBe(true)
    expect(fetch).toHaveBeenCalledTimes(1)
    view.unmount()
  })
})
