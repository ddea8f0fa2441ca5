import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { FakeEventSource } from '@/test-support/FakeEventSource'
import type { SafetyCodeView } from '@/api/safety'
import { useSafetyCodeStream } from '../useSafetyCodeStream'

function code(enterpriseId: number, value: SafetyCodeView['code']): SafetyCodeView {
  return { enterpriseId, code: value, reasons: [], computedAt: '2026-12-08T00:00:00Z' }
}

/** A component showing the code its stream last sent. */
function host(enterpriseId: number | null) {
  return defineComponent({
    setup() {
      const shown = ref<string>('')
      useSafetyCodeStream(() => enterpriseId, (c) => {
        shown.value = c.code
      })
      return () => h('span', shown.value)
    },
  })
}

describe('useSafetyCodeStream', () => {
  beforeEach(() => {
    FakeEventSource.all = []
    vi.stubGlobal('EventSource', FakeEventSource)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('opens the enterprise’s stream and shows each code it sends, of that enterprise only', async () => {
    const wrapper = mount(host(42))
    expect(FakeEventSource.all.map((s) => s.url)).toEqual(['/api/enterprises/42/safety-code/stream'])
    const source = FakeEventSource.all[0]!
    source.emit('safety-code', { data: JSON.stringify(code(42, 'YELLOW')) })
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toBe('YELLOW')
    source.emit('safety-code', { data: JSON.stringify(code(7, 'RED')) })
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toBe('YELLOW')
    source.emit('safety-code', { data: JSON.stringify(code(42, 'RED')) })
    await wrapper.vm.$nextTick()
    expect(wrapper.text()).toBe('RED')
    wrapper.unmount()
    expect(source.closed).toBe(true)
  })

  it('opens nothing without an enterprise', () => {
    mount(host(null)).unmount()
    expect(FakeEventSource.all).toHaveLength(0)
  })
})
