// Checks of the walk-in intake form before it is sent (the server checks again).
import type { Channel } from '@/api/types'

export interface IntakeDraft {
  channel: Channel
  place_id: number | null
  address: string
  category_id: number | null
  description: string
  reporter_name: string
  reporter_phone: string
  accept_now: boolean
}

/** Mainland mobile (11 digits from 1) or a landline with area code; spaces and dashes allowed. */
export function isPhone(s: string): boolean {
  const d = s.replace(/[\s-]/g, '')
  return /^1\d{10}$/.test(d) || /^0\d{9,11}$/.test(d) || /^\d{7,8}$/.test(d)
}

/** Field → i18n key of the problem; empty when the draft can be sent. */
export function validateIntake(d: IntakeDraft): Record<string, string> {
  const e: Record<string, string> = {}
  if (!d.place_id && !d.address.trim()) e.place_id = 'intake.needPlace'
  if (!d.category_id) e.category_id = 'intake.needCategory'
  if (d.description.trim().length < 2) e.description = 'intake.needDescription'
  if (d.reporter_phone.trim() && !isPhone(d.reporter_phone)) e.reporter_phone = 'intake.badPhone'
  return e
}
