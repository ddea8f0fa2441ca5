import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import RegionPicker from '../RegionPicker.vue'

const plugins = [ElementPlus, i18n]
const region = (code: string, name: string, level: number, hasChildren: boolean) =>
  ({ code, name, level, parentCode: null, hasChildren, boundingBox: null })

const answers: Record<string, unknown> = {
  '/api/regions/mine': { region: region('330105', '拱墅区', 3, true), ancestors: [], boundary: null },
  '/api/regions/330105/children': [region('330105001', '米市巷街道', 4, true), region('330105002', '湖墅街道', 4, true)],
  '/api/regions/330105001/children': [region('330105001055', '大塘巷社区', 5, false)],
  '/api/regions/search?q=%E5%A4%A7%E5%A1%98%E5%B7%B7&limit=20': [
    { code: '330105001055', name: '大塘巷社区', level: 5, hasChildren: false, path: '拱墅区 / 米市巷街道 / 大塘巷社区' },
  ],
}

function stubServer() {
  const fetch = vi.fn((url: string) => {
    const body = answers[url]
    return Promise.resolve(body === undefined ? new Response('{}', { status: 404, headers: { 'Content-Type': 'application/problem+json' } })
      : new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('RegionPicker', () => {
  it('loads nothing but the caller\'s region and the levels it opens, never the whole subtree', async () => {
    const fetch = stubServer()
    mount(RegionPicker, { props: { modelValue: '330105001055' }, global: { plugins }, attachTo: document.body })
    await flushPromises()
    const urls = fetch.mock.calls.map((c) => c[0])
    expect(urls).not.toContain('/api/regions/mine/subtree')
    // opening at a village loads the levels on its path, and only those
    expect(urls).toContain('/api/regions/330105/children')
    expect(urls).toContain('/api/regions/330105001/children')
    expect(urls).not.toContain('/api/regions/330105002/children')
  })

  it('chooses a region found by name', async () => {
    const fetch = stubServer()
    const picker = mount(RegionPicker, { props: { modelValue: '', testid: 'r' }, global: { plugins }, attachTo: document.body })
    await flushPromises()
    const search = picker.find('[data-testid=r-search] input')
    await search.setValue('大塘巷')
    await search.trigger('input')
    // the select debounces the search: wait for the answer's option rather than a fixed time
    const option = await vi.waitFor(() => {
      const found = [...document.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent?.includes('米市巷街道 / 大塘巷社区'))
      if (!found) throw new Error('no option yet')
      return found
    })
    expect(fetch.mock.calls.map((c) => c[0])).toContain('/api/regions/search?q=%E5%A4%A7%E5%A1%98%E5%B7%B7&limit=20')
    ;(option as HTMLElement).click()
    await flushPromises()
    expect(picker.emitted('update:modelValue')?.at(-1)).toEqual(['330105001055'])
  })
})
