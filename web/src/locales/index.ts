import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import enUS from './en-US'

export type Language = 'zh-CN' | 'en-US'

const STORAGE_KEY = 'yingji.language'

/** Chinese unless the user chose English on this device. */
export function initialLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN'
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language)
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLanguage(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
})
