// vue-i18n set-up: zh-CN by default, English on request; the choice is kept
// in localStorage under LOCALE_KEY and mirrored to <html lang>.
import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const LOCALE_KEY = 'weige.locale'

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v)
}

/** The stored locale, or zh-CN when none (or an unknown one) is stored. */
export function storedLocale(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Locale {
  try {
    const v = storage?.getItem(LOCALE_KEY)
    return isLocale(v) ? v : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(LOCALE_KEY, locale)
  } catch {
    // Private mode or storage full: the switch still works for this visit.
  }
  document.documentElement.lang = locale
}
