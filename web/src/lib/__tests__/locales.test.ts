import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN'
import enUS from '@/locales/en-US'

/** Every message must compile: vue-i18n treats @, | and braces as syntax, and fails at runtime. */
function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : keys(value as object, `${prefix}${key}.`),
  )
}

describe('locales', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort())
  })

  it.each(['zh-CN', 'en-US'])('compile every %s message', (locale) => {
    const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, 'en-US': enUS } })
    for (const key of keys(zhCN)) {
      expect(() => i18n.global.t(key, { n: 1, name: 'x', region: 'y' })).not.toThrow()
    }
  })
})
