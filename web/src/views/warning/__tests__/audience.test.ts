import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import AudienceCount from '../AudienceCount.vue'
import type { AudienceRequest } from '@/api/warning'

const plugins = [ElementPlus, i18n]

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } })
}

const counted = {
  recorded: false, staff: 1234, publicTargets: 56789, groups: [
    { audience: 'STAFF', group: '村(社区)网格员', targeted: 34, reachable: 34 },
    { audience: 'STAFF', group: '企业安全管理员', targeted: 1200, reachable: 1180 },
    { audience: 'PUBLIC', group: '公众', targeted: 56789, reachable: 56789 },
  ],
}

const request = (areas: AudienceRequest['areas'], status = 'Actual', scope = 'Public'): AudienceRequest => ({ areas, status, scope })

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('AudienceCount (compose)', () => {
  it('asks once, 500 ms after the last change, with the areas, status and scope, and shows staff, public and groups', async () => {
    const fetch = vi.fn().mockImplementation(async () => json(counted))
    vi.stubGlobal('fetch', fetch)
    const view = mount(AudienceCount, { props: { request: request([{ kind: 'REGION', regionCode: '330105001' }]) }, global: { plugins } })
    await view.setProps({ request: request([{ kind: 'REGION', regionCode: '330105001' }, { kind: 'REGION', regionCode: '330105002' }]) })
    vi.advanceTimersByTime(499)
    expect(fetch).not.toHaveBeenCalled()
    await view.setProps({ request: request([{ kind: 'REGION', regionCode: '330105001' }, { kind: 'REGION', regionCode: '330105002' }], 'Actual', 'Public') })
    vi.advanceTimersByTime(500)
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/api/warnings/audience')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body)).toEqual({ areas: [{ kind: 'REGION', regionCode: '330105001' }, { kind: 'REGION', regionCode: '330105002' }], status: 'Actual', scope: 'Public' })
    expect(view.get('[data-testid=audience-staff]').text()).toContain('1,234')
    expect(view.get('[data-testid=audience-staff]').text()).toContain('到岗到人')
    expect(view.get('[data-testid=audience-public]').text()).toContain('56,789')
    expect(view.get('[data-testid=audience-recorded]').text()).toContain('实时统计')
    const rows = view.findAll('[data-testid=audience-groups] tbody tr').map((r) => r.findAll('td').map((td) => td.text()))
    expect(rows.map((r) => r[0].split(' ')[0])).toEqual(['企业安全管理员', '村(社区)网格员', '公众'])
    expect(rows[0].slice(1)).toEqual(['1,200', '1,180'])
  })

  it('asks again when the status changes, and says an exercise reaches staff only', async () => {
    const fetch = vi.fn().mockImplementation(async () => json({ ...counted, publicTargets: 0, groups: counted.groups.slice(0, 2) }))
    vi.stubGlobal('fetch', fetch)
    const areas = [{ kind: 'REGION' as const, regionCode: '330105001' }]
    const view = mount(AudienceCount, { props: { request: request(areas) }, global: { plugins } })
    vi.advanceTimersByTime(500)
    await flushPromises()
    await view.setProps({ request: request(areas, 'Exercise') })
    vi.advanceTimersByTime(500)
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(JSON.parse(fetch.mock.calls[1][1].body).status).toBe('Exercise')
    expect(view.find('[data-testid=audience-staff-only]').exists()).toBe(true)
  })

  it('asks nothing without areas, and shows an incomplete area quietly without a count', async () => {
    const fetch = vi.fn().mockResolvedValue(json({
      status: 400, title: '请求有误', detail: '提交的内容有误', errors: [{ field: 'areas[0].areaDesc', message: '请填写区域名称' }],
    }, 400))
    vi.stubGlobal('fetch', fetch)
    const view = mount(AudienceCount, { props: { request: request([]) }, global: { plugins } })
    vi.advanceTimersByTime(1000)
    await flushPromises()
    expect(fetch).not.toHaveBeenCalled()
    expect(view.find('[data-testid=audience-no-areas]').exists()).toBe(true)
    await view.setProps({ request: request([{ kind: 'CIRCLE', circle: '30.29,120.16 1.5' }]) })
    vi.advanceTimersByTime(500)
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(view.get('[data-testid=audience-problems]').text()).toContain('请填写区域名称')
    expect(view.find('[data-testid=audience-staff]').exists()).toBe(false)
    expect(view.find('[role=alert]').exists()).toBe(false)
  })

  it('drops an answer that arrives after a newer question', async () => {
    let answerFirst: (r: Response) => void = () => {}
    const fetch = vi.fn()
      .mockImplementationOnce(() => new Promise<Response>((resolve) => { answerFirst = resolve }))
      .mockResolvedValueOnce(json({ ...counted, staff: 2 }))
    vi.stubGlobal('fetch', fetch)
    const view = mount(AudienceCount, { props: { request: request([{ kind: 'REGION', regionCode: '330105001' }]) }, global: { plugins } })
    vi.advanceTimersByTime(500)
    await view.setProps({ request: request([{ kind: 'REGION', regionCode: '330105002' }]) })
    vi.advanceTimersByTime(500)
    await flushPromises()
    answerFirst(json({ ...counted, staff: 999 }))
    await flushPromises()
    expect(view.get('[data-testid=audience-staff]').text()).toContain('2')
    expect(view.get('[data-testid=audience-staff]').text()).not.toContain('999')
  })
})

describe('AudienceCount (published warning)', () => {
  it('shows the counts recorded at publish as 发布时确定', async () => {
    const fetch = vi.fn().mockImplementation(async () => json({ ...counted, recorded: true }))
    vi.stubGlobal('fetch', fetch)
    const view = mount(AudienceCount, { props: { warningId: 17 }, global: { plugins } })
    await flushPromises()
    expect(fetch.mock.calls[0][0]).toBe('/api/warnings/17/audience')
    expect(view.get('[data-testid=audience-recorded]').text()).toBe('发布时确定')
    expect(view.get('[data-testid=audience-public]').text()).toContain('56,789')
  })
})
