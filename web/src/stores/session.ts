import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getConfigApi, getMeApi, loginApi, logoutApi, type ClientConfig, type Me } from '@/api/auth'
import { setRequestLanguage } from '@/api/http'
import { i18n, rememberLanguage, type Language } from '@/locales'
import { menuFor } from '@/lib/menu'

/** Who is logged in, what they may see, and the language they work in. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const config = ref<ClientConfig>({ tileUrl: null, tileAttribution: null, maxZoom: 18 })
  const language = ref<Language>(i18n.global.locale.value as Language)
  setRequestLanguage(language.value)
  document.documentElement.lang = language.value

  const menu = computed(() => (me.value ? menuFor(me.value.roles, me.value.permissions) : []))
  /** The last part of the region path: 拱墅区 of 浙江省 杭州市 拱墅区. */
  const regionShortName = computed(() => me.value?.regionName.split(' ').pop() ?? '')

  async function load(): Promise<boolean> {
    try {
      me.value = await getMeApi()
      config.value = await getConfigApi()
      return true
    } catch {
      me.value = null
      return false
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const answer = await loginApi(username, password)
    me.value = answer.user
    config.value = await getConfigApi()
  }

  async function logout(): Promise<void> {
    try {
      await logoutApi()
    } finally {
      me.value = null
    }
  }

  function forget(): void {
    me.value = null
  }

  function can(permission: string): boolean {
    return me.value?.permissions.includes(permission) ?? false
  }

  function setLanguage(value: Language): void {
    language.value = value
    i18n.global.locale.value = value
    rememberLanguage(value)
    setRequestLanguage(value)
    document.documentElement.lang = value
  }

  return { me, config, language, menu, regionShortName, load, login, logout, forget, can, setLanguage }
})
