import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { i18n } from '@/i18n'
import { mountWithApp } from '@/test/mount'
import CountChips from './CountChips.vue'

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

const counts = { households: 1204, persons: 3012, staff: 5, party_volunteers: 12, places: 40 }

describe('CountChips', () => {
  it('shows 户, 人, 工, 党 with full labels for screen readers', () => {
    const w = mountWithApp(CountChips, { props: { counts } })
    const chips = w.findAll('.count-chip')
    expect(chips.map((c) => c.text())).toEqual(['户 1,204', '人 3,012', '工 5', '党 12'])
    expect(chips[3].attributes('aria-label')).toBe('党员志愿者 12')
  })

  it('follows the language switch', async () => {
    const w = mountWithApp(CountChips, { props: { counts } })
    i18n.global.locale.value = 'en'
    await nextTick()
    expect(w.findAll('.count-chip')[0].text()).toBe('1,204 hh')
    expect(w.findAll('.count-chip')[3].attributes('title')).toBe('Party volunteers 12')
  })
})
