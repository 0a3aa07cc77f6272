// Labels for server enums in the current language, falling back to the
// server's Chinese label (or the raw value) for values the app does not know.
type T = (key: string, values?: Record<string, unknown>) => string
type TE = (key: string) => boolean

export function label(t: T, te: TE, group: string, value: string | null | undefined, fallback?: string): string {
  if (!value) return '–'
  const key = `${group}.${value}`
  return te(key) ? t(key) : (fallback ?? value)
}

export function roleLabel(user: { role: string; role_zh?: string }, t: T, te: TE): string {
  return label(t, te, 'accountRole', user.role, user.role_zh)
}

/** Category name in the current language. */
export function categoryName(c: { name_zh: string; name_en: string } | null | undefined, locale: string): string {
  if (!c) return '–'
  return locale === 'en' ? c.name_en || c.name_zh : c.name_zh
}
