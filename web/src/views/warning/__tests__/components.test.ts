import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import WarningLevelTag from '@/components/WarningLevelTag.vue'
import CapImportDialog from '../CapImportDialog.vue'

const plugins = [ElementPlus, i18n]

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('WarningLevelTag', () => {
  it('fills the chip with the level colour and names the level in Chinese', () => {
    const tag = mount(WarningLevelTag, { props: { level: 'RED' }, global: { plugins } })
    expect(tag.text()).toBe('红色预警（I级）')
    expect(tag.attributes('style')).toContain('background: rgb(211, 47, 47)')
    expect(tag.attributes('data-level')).toBe('RED')
  })

  it('keeps dark text on yellow and names a missing level', () => {
    expect(mount(WarningLevelTag, { props: { level: 'YELLOW', short: true }, global: { plugins } }).attributes('style')).toContain('color: rgb(33, 33, 33)')
    expect(mount(WarningLevelTag, { props: { level: null }, global: { plugins } }).text()).toBe('未定级')
  })
})

describe('CapImportDialog', () => {
  it('sends the pasted XML as CAP and lists every error with its line and column', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify({
      status: 400, title: '请求有误', detail: 'CAP 文档有误，未导入',
      errors: [
        { field: 'document', message: '不符合 CAP 1.2 模式：缺少 urgency', line: 12, column: 9 },
        { field: 'geocode', message: '行政区划代码“999999”不存在', line: 20, column: 15 },
      ],
    }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }))
    vi.stubGlobal('fetch', fetch)
    const dialog = mount(CapImportDialog, { props: { modelValue: true }, global: { plugins }, attachTo: document.body })
    await flushPromises()
    const textarea = document.querySelector<HTMLTextAreaElement>('[data-testid=cap-import-xml] textarea, textarea[data-testid=cap-import-xml]')!
    textarea.value = '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>'
    textarea.dispatchEvent(new Event('input'))
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-testid=cap-import-submit]')!.click()
    await flushPromises()
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/api/warnings/import')
    expect(init.method).toBe('POST')
    expect(init.headers['Content-Type']).toBe('application/cap+xml')
    expect(init.body).toBe('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>')
    const result = document.querySelector('[data-testid=cap-import-result]')!.textContent!
    expect(result).toContain('CAP 文档有误，未导入')
    expect(result).toContain('缺少 urgency')
    const rows = [...document.querySelectorAll('[data-testid=cap-import-errors] tbody tr')].map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent?.trim()))
    expect(rows.map((row) => row.slice(0, 2))).toEqual([['12', '9'], ['20', '15']])
    dialog.unmount()
  })
})
