// Number and count formatting shared by the tree, the detail panel and tables.
import type { Counts } from '@/api/types'

/** "12,345" in English, "12,345" in Chinese; "–" for a missing value. */
export function formatNumber(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–'
  return new Intl.NumberFormat(locale).format(n)
}

export const COUNT_FIELDS = ['households', 'persons', 'staff', 'party_volunteers'] as const
export type CountField = (typeof COUNT_FIELDS)[number]

/**
 * Short chips for a tree row, e.g. [{field:'households', value:'120'}, ...].
 * Fields that are zero are kept: "0 户" is information too.
 */
export function countChips(
  counts: Partial<Counts> | null | undefined,
  locale: string,
): { field: CountField; value: string }[] {
  return COUNT_FIELDS.map((field) => ({ field, value: formatNumber(counts?.[field] ?? 0, locale) }))
}

/** Page number (1-based) to the API's offset, never negative. */
export function pageToOffset(page: number, pageSize: number): number {
  return Math.max(0, (Math.floor(page) - 1) * pageSize)
}

const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' })
/** "2栋" before "10栋": numbers inside names compare by value. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b)
}

/** 0.9235 → "92.4%"; null (no cases to count) → "–". */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–'
  return `${(v * 100).toFixed(digits)}%`
}
