import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import { LOCALE_KEY, storedLocale } from './index'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}
function values(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (v && typeof v === 'object' ? values(v) : [v as string]))
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('every string is non-empty', () => {
    for (const v of [...values(zhCN), ...values(en)]) expect(typeof v === 'string' && v.trim().length > 0).toBe(true)
  })

  it('uses the same placeholders in both languages', () => {
    const flat = (o: object, p = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? flat(v, `${p}${k}.`) : [[`${p}${k}`, v as string]]))
    const enMap = new Map(flat(en))
    for (const [k, zh] of flat(zhCN)) expect(placeholders(enMap.get(k)!), k).toEqual(placeholders(zh))
  })

  it('has no characters vue-i18n would read as syntax (@ | $ outside placeholders)', () => {
    for (const v of [...values(zhCN), ...values(en)]) expect(v).not.toMatch(/[@|$]/)
  })
})

describe('storedLocale', () => {
  const storage = (v: string | null) => ({ getItem: (k: string) => (k === LOCALE_KEY ? v : null) })
  it.each([
    [null, 'zh-CN'],
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
    ['fr', 'zh-CN'],
  ])('stored %s → %s', (v, want) => {
    expect(storedLocale(storage(v))).toBe(want)
  })

  it('falls back to zh-CN when storage throws', () => {
    expect(storedLocale({ getItem: () => { throw new Error('denied') } })).toBe('zh-CN')
  })
})

describe('setLocale', () => {
  it('switches the language, remembers it and sets <html lang>', async () => {
    const { i18n, setLocale } = await import('./index')
    setLocale('en')
    expect(i18n.global.locale.value).toBe('en')
    expect(localStorage.getItem(LOCALE_KEY)).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    setLocale('zh-CN')
    expect(localStorage.getItem(LOCALE_KEY)).toBe('zh-CN')
  })
})
