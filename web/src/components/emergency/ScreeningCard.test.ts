import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { ScreeningTask } from '@/api/emergency'
import { defaultFields } from '@/lib/emergency'
import { mountWithApp } from '@/test/mount'
import ScreeningCard from './ScreeningCard.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const TASK = {
  id: 7,
  round_id: 1,
  household_id: 51,
  household: '1栋-1单元-101',
  building: '1栋',
  outcome: 'pending',
  covered: false,
  restricted: false,
  attempts: 0,
} as ScreeningTask

function mountCard() {
  return mountWithApp(ScreeningCard, { props: { task: TASK, fields: defaultFields('epidemic'), open: true }, attachTo: document.body })
}

describe('ScreeningCard', () => {
  it('shows the round fields and four outcome buttons', () => {
    const w = mountCard()
    expect(w.findAll('[data-field]').map((f) => f.attributes('data-field'))).toEqual(['health', 'people_home', 'needs'])
    expect(w.findAll('[data-testid="screen-outcome"]').map((b) => b.attributes('data-outcome'))).toEqual(['reached', 'not_at_home', 'refused', 'needs_help'])
    expect(w.find('[data-option="isolating"]').text()).toBe('居家隔离')
  })

  it('asks for the required health status before sending a contact, and sends the answered fields', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ...TASK, outcome: 'reached', covered: true }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const w = mountCard()
    await w.find('[data-outcome="reached"]').trigger('click')
    await flushPromises()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(w.find('[data-field="health"] .err').text()).toBe('必填')

    await w.find('[data-field="health"] [data-option="fever"] input').setValue(true)
    await w.find('[data-field="people_home"] input').setValue('2')
    await w.find('[data-outcome="reached"]').trigger('click')
    await flushPromises()
    expect(fetchMock).toHaveBeenCalledOnce()
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/v1/screening-tasks/7')
    expect(JSON.parse(String(init.body))).toEqual({ outcome: 'reached', data: { health: 'fever', people_home: 2 }, restricted: false, note: '' })
    expect(w.emitted('recorded')?.[0]?.[0]).toMatchObject({ id: 7, covered: true })
  })

  it('sends "not at home" without the required fields', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ...TASK, outcome: 'not_at_home', attempts: 1 }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const w = mountCard()
    await w.find('[data-outcome="not_at_home"]').trigger('click')
    await flushPromises()
    expect(JSON.parse(String((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toMatchObject({ outcome: 'not_at_home', data: {} })
  })
})
