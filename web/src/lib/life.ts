// Community-life logic without Vue: where a topic stands on the deliberation
// path, vote tallies as bars and what is still needed, coverage levels,
// the unread list grouped by building and unit, and the month and quarter
// choices the pages offer.
import type { Step, Tally, Unread } from '@/api/life'
import { naturalCompare } from './format'

/** The deliberation path in order (rejected and withdrawn leave it). */
export const TOPIC_PATH = [
  'raised',
  'gathering_opinions',
  'meeting',
  'voting',
  'decided',
  'published',
  'implementing',
  'done',
] as const

/** The step of TOPIC_PATH a topic is at, and whether it left the path there. */
export function topicStep(state: string): { index: number; stopped: boolean } {
  if (state === 'rejected') return { index: TOPIC_PATH.indexOf('voting'), stopped: true }
  if (state === 'withdrawn') return { index: 0, stopped: true }
  const i = (TOPIC_PATH as readonly string[]).indexOf(state)
  return { index: Math.max(0, i), stopped: false }
}

/** Element Plus tag type of a topic or convention-version state. */
export function stateTagType(state: string): 'info' | 'primary' | 'warning' | 'success' | 'danger' {
  switch (state) {
    case 'voting':
    case 'meeting':
      return 'warning'
    case 'decided':
    case 'published':
    case 'adopted':
    case 'done':
      return 'success'
    case 'rejected':
    case 'withdrawn':
    case 'superseded':
      return 'danger'
    case 'implementing':
      return 'primary'
    default:
      return 'info'
  }
}

/** Shares of the votes cast, in whole percent (0 when nobody voted). */
export function tallyBars(t: Pick<Tally, 'for' | 'against' | 'abstain' | 'cast'>): { for: number; against: number; abstain: number } {
  if (t.cast <= 0) return { for: 0, against: 0, abstain: 0 }
  const pct = (n: number) => Math.round((n * 100) / t.cast)
  return { for: pct(t.for), against: pct(t.against), abstain: pct(t.abstain) }
}

/** How many more households must vote to reach the quorum (0 once reached). */
export function votesToQuorum(t: Pick<Tally, 'eligible' | 'cast' | 'quorum_percent'>): number {
  const needed = Math.ceil((t.quorum_percent * t.eligible) / 100)
  return Math.max(0, needed - t.cast)
}

/** A coverage or read rate as good (≥ 80%), fair (≥ 50%) or poor. */
export function coverageLevel(rate: number): 'success' | 'warning' | 'exception' {
  if (rate >= 0.8) return 'success'
  if (rate >= 0.5) return 'warning'
  return 'exception'
}

/** The average progress of a topic's implementation steps, 0-100. */
export function stepsProgress(steps: Pick<Step, 'progress'>[]): number {
  if (!steps.length) return 0
  return Math.round(steps.reduce((sum, s) => sum + s.progress, 0) / steps.length)
}

/** Unread households by compound, building and unit, in natural order ("2栋" before "10栋"). */
export function groupUnread(items: Unread[]): { label: string; households: string[] }[] {
  const groups = new Map<string, string[]>()
  for (const u of items) {
    const label = [u.compound, u.building, u.unit].filter(Boolean).join(' ')
    if (!groups.has(label)) groups.set(label, [])
    groups.get(label)!.push(u.name)
  }
  return [...groups.entries()]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([label, households]) => ({ label, households: households.sort(naturalCompare) }))
}

/** The last `n` months up to the one holding `now`, newest first: "2026-11". */
export function monthChoices(now: Date, n = 6): string[] {
  const out: string[] = []
  let y = now.getFullYear()
  let m = now.getMonth() + 1
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    if (--m === 0) {
      m = 12
      y--
    }
  }
  return out
}

/** The last `n` quarters up to the one holding `now`, newest first: "2026Q4". */
export function quarterChoices(now: Date, n = 4): string[] {
  const out: string[] = []
  let y = now.getFullYear()
  let q = Math.floor(now.getMonth() / 3) + 1
  for (let i = 0; i < n; i++) {
    out.push(`${y}Q${q}`)
    if (--q === 0) {
      q = 4
      y--
    }
  }
  return out
}

/** "2026-11-28T09:00:00+08:00" → "2026-11-28 09:00"; null → "–". */
export function shortAt(at: string | null | undefined): string {
  if (!at) return '–'
  return at.slice(0, 16).replace('T', ' ')
}
