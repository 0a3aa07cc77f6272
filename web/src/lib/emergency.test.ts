import { describe, expect, it } from 'vitest'
import type { Emergency, ScreeningField, ScreeningTask, TeamMember } from '@/api/emergency'
import type { TreePlaceNode } from '@/api/types'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'
import {
  ERRAND_TABLE,
  checkDrafts,
  checkForm,
  coverageBand,
  coveragePercent,
  covers,
  defaultFields,
  durationText,
  emptyForm,
  errandActions,
  fieldLabel,
  formData,
  formatCoverage,
  fromDrafts,
  loweredLevel,
  memberRoles,
  parseOptions,
  PEACETIME_ROLES,
  peacetimeLabel,
  raisedLevel,
  roleChanged,
  roleMapRows,
  scopeOptions,
  sortEmergencies,
  sortMembers,
  sortTeams,
  timeCell,
  toDrafts,
  unixToChina,
  visitOrder,
  type FieldDraft,
} from './emergency'

describe('sortEmergencies', () => {
  const e = (id: number, active: boolean, started_at: string) => ({ id, active, started_at }) as Emergency
  it('puts active ones first, then the newest', () => {
    const list = [e(1, false, '2026-01-01T00:00:00+08:00'), e(2, true, '2025-01-01T00:00:00+08:00'), e(3, false, '2026-02-01T00:00:00+08:00'), e(4, true, '2026-03-01T00:00:00+08:00')]
    expect(sortEmergencies(list).map((x) => x.id)).toEqual([4, 2, 3, 1])
  })
})

describe('levels', () => {
  it.each([
    [1, null, 2],
    [2, 1, 3],
    [4, 3, null],
  ])('level %i raises to %s and lowers to %s', (level, up, down) => {
    expect(raisedLevel(level)).toBe(up)
    expect(loweredLevel(level)).toBe(down)
  })
})

describe('coverage', () => {
  it.each([
    [0, '0.0%', 0, 'low'],
    [0.4999, '49.9%', 49, 'low'],
    [0.5, '50.0%', 50, 'mid'],
    [0.9, '90.0%', 90, 'high'],
    [485 / 486, '99.7%', 99, 'high'],
    [0.99999, '99.9%', 99, 'high'],
    [1, '100.0%', 100, 'full'],
  ])('%f → %s, bar %i, band %s', (ratio, text, pct, band) => {
    expect(formatCoverage(ratio)).toBe(text)
    expect(coveragePercent(ratio)).toBe(pct)
    expect(coverageBand(ratio)).toBe(band)
  })

  it('never shows 100% before every household is covered, and "–" without a figure', () => {
    expect(formatCoverage(0.99996)).not.toBe('100.0%')
    expect(formatCoverage(null)).toBe('–')
    expect(formatCoverage(Number.NaN)).toBe('–')
    expect(formatCoverage(0.123, 0)).toBe('12%')
    expect(coveragePercent(undefined)).toBe(0)
  })

  it('counts contact as covered (the server rule): not at home stays on the list', () => {
    expect(covers('reached')).toBe(true)
    expect(covers('refused')).toBe(true)
    expect(covers('needs_help')).toBe(true)
    expect(covers('not_at_home')).toBe(false)
    expect(covers('pending')).toBe(false)
  })
})

describe('the screening form of a round', () => {
  const fields: ScreeningField[] = defaultFields('epidemic')

  it('splits the bilingual labels of the defaults by language', () => {
    expect(fieldLabel(fields[0], 'zh-CN')).toBe('健康状况')
    expect(fieldLabel(fields[0], 'en')).toBe('Health')
    expect(fieldLabel(fields[1], 'en')).toBe('People at home')
    expect(fieldLabel({ key: 'temp', label: '体温' }, 'en')).toBe('体温')
    expect(fieldLabel({ key: 'temp' }, 'zh-CN')).toBe('temp')
  })

  it('starts empty: text blank, the rest unanswered', () => {
    expect(emptyForm(fields)).toEqual({ health: null, people_home: null, needs: '' })
  })

  it('asks for required fields only when the outcome counts as contact', () => {
    const form = emptyForm(fields)
    expect(checkForm(fields, form, 'reached')).toEqual([{ key: 'health', problem: 'required' }])
    expect(checkForm(fields, form, 'needs_help')).toEqual([{ key: 'health', problem: 'required' }])
    expect(checkForm(fields, form, 'not_at_home')).toEqual([])
  })

  it('refuses values of the wrong kind', () => {
    const form = { health: 'sick', people_home: 'three', needs: 'x'.repeat(501) }
    expect(checkForm(fields, form, 'not_at_home')).toEqual([
      { key: 'health', problem: 'choice' },
      { key: 'people_home', problem: 'number' },
      { key: 'needs', problem: 'tooLong' },
    ])
    // 500 bytes, not characters: 167 Chinese characters are 501 bytes.
    expect(checkForm(fields, { health: 'normal', people_home: null, needs: '药'.repeat(167) }, 'reached')).toEqual([{ key: 'needs', problem: 'tooLong' }])
  })

  it('sends only the answered fields, numbers as numbers and text trimmed', () => {
    expect(formData(fields, { health: 'fever', people_home: '3', needs: '  买药 ' })).toEqual({ health: 'fever', people_home: 3, needs: '买药' })
    expect(formData(fields, { health: null, people_home: '', needs: '   ' })).toEqual({})
    const flood = defaultFields('flood')
    expect(formData(flood, { safe: false, needs: '' })).toEqual({ safe: false })
    expect(checkForm(flood, { safe: false, needs: '' }, 'reached')).toEqual([])
  })
})

describe('the fields editor', () => {
  const row = (over: Partial<FieldDraft>): FieldDraft => ({ key: 'k', label: '', type: 'text', options: '', required: false, ...over })

  it('round-trips the defaults', () => {
    for (const type of ['epidemic', 'flood'] as const) expect(fromDrafts(toDrafts(defaultFields(type)))).toEqual(defaultFields(type))
  })

  it('reads options separated by Chinese or Latin commas, without blanks or repeats', () => {
    expect(parseOptions('正常, 发热，隔离、正常;; ')).toEqual(['正常', '发热', '隔离'])
  })

  it.each([
    [[row({ key: 'Health' })], { index: 0, problem: 'keyFormat' }],
    [[row({ key: '1st' })], { index: 0, problem: 'keyFormat' }],
    [[row({ key: 'a' }), row({ key: 'a ' })], { index: 1, problem: 'keyTwice' }],
    [[row({ key: 'c', type: 'choice', options: ' , ' })], { index: 0, problem: 'needOptions' }],
    [Array.from({ length: 31 }, (_, i) => row({ key: `f${i}` })), { index: -1, problem: 'tooMany' }],
    [[row({ key: 'temp_c', type: 'number', required: true })], null],
  ])('checks %j', (drafts, want) => {
    expect(checkDrafts(drafts)).toEqual(want)
  })

  it('leaves options out of non-choice fields and required out when false', () => {
    expect(fromDrafts([row({ key: ' a ', label: ' 甲 ', options: 'x' })])).toEqual([{ key: 'a', label: '甲', type: 'text' }])
  })
})

describe('roles and teams', () => {
  const t = (k: string) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], zhCN) as string
  const te = (k: string) => typeof t(k) === 'string'
  const m = (over: Partial<TeamMember>) =>
    ({ person_id: 1, name: '甲*', leader: false, peacetime_role: 'publicist', emergency_role: 'responder', emergency_role_zh: '冲锋员', ...over }) as TeamMember

  it.each([
    ['publicist', 'responder', '宣传员', '冲锋员'],
    ['informant', 'screener', '信息员', '排查员'],
    ['helper', 'errand_runner', '服务员', '代办员'],
    ['micro_grid_head', 'responder', '微网格长', '冲锋员'],
  ] as const)('%s → %s reads %s → %s', (peacetime, role, zhPeace, zhRole) => {
    expect(memberRoles(m({ peacetime_role: peacetime, emergency_role: role }), t, te)).toEqual({ peacetime: zhPeace, emergency: zhRole })
  })

  it('has an English name for every emergency role and peacetime duty', () => {
    expect(en.emergency.role).toEqual({ responder: 'Front-line responder', screener: 'Screener', errand_runner: 'Errand runner' })
    expect(en.emergency.peacetime).toEqual({ publicist: 'Publicist', informant: 'Informant', helper: 'Helper' })
  })

  it('falls back to the raw key or the server label for unknown roles', () => {
    expect(memberRoles(m({ peacetime_role: 'cook', emergency_role: 'medic' as never, emergency_role_zh: '医护' }), t, te)).toEqual({ peacetime: 'cook', emergency: '医护' })
  })

  it('lists task forces first, buildings in natural order, leaders first', () => {
    const teams = [
      { id: 3, kind: 'building_team' as const, place: '10栋' },
      { id: 2, kind: 'building_team' as const, place: '2栋' },
      { id: 1, kind: 'task_force' as const, place: '华润六期锦云府' },
    ]
    expect(sortTeams(teams).map((x) => x.id)).toEqual([1, 2, 3])
    expect(sortMembers([m({ person_id: 1, name: '乙*' }), m({ person_id: 2, name: '甲*', leader: true })]).map((x) => x.person_id)).toEqual([2, 1])
  })
})

describe('visitOrder', () => {
  const task = (id: number, household: string, attempts: number) => ({ id, household, attempts }) as ScreeningTask
  it('puts households never tried first, then by name', () => {
    const list = [task(1, '1栋-1单元-102', 1), task(2, '1栋-1单元-201', 0), task(3, '1栋-1单元-101', 0), task(4, '10栋-1单元-101', 0)]
    expect(visitOrder(list).map((x) => x.id)).toEqual([3, 2, 4, 1])
  })
})

describe('errands', () => {
  it.each([
    ['requested', 'team', ['accept', 'cancel']],
    ['accepted', 'team', ['done', 'cancel']],
    ['done', 'team', []],
    ['requested', 'household', ['cancel']],
    ['done', 'household', ['confirm']],
    ['confirmed', 'household', []],
    ['cancelled', 'team', []],
  ] as const)('%s: the %s may %j', (state, party, want) => {
    expect(errandActions(state, party)).toEqual(want)
  })

  it('mirrors the server table (five moves, confirm only by the household)', () => {
    expect(ERRAND_TABLE).toHaveLength(5)
    expect(ERRAND_TABLE.filter((r) => r.by === 'household').map((r) => r.action)).toEqual(['confirm'])
  })
})

describe('scopeOptions', () => {
  const counts = { households: 0, persons: 0, staff: 0, party_volunteers: 0, places: 0 }
  const grid = (id: number, name: string, children: TreePlaceNode['children'] = []) =>
    ({ type: 'grid', kind: 'grid', kind_zh: '', id, code: '', name, counts, child_count: children.length, children }) as TreePlaceNode['children'][number]
  const roots: TreePlaceNode[] = [
    {
      type: 'place',
      kind: 'subdistrict',
      id: 1,
      name: '万年场街道',
      counts,
      children: [
        { type: 'place', kind: 'community', id: 2, name: '双福路社区', counts, children: [grid(10, '第一网格', [grid(11, '1栋微网格')])] },
      ],
    },
  ]
  it('lists each kind with its path below the community', () => {
    expect(scopeOptions(roots, 'subdistrict')).toEqual([{ id: 1, label: '万年场街道' }])
    expect(scopeOptions(roots, 'community')).toEqual([{ id: 2, label: '双福路社区' }])
    expect(scopeOptions(roots, 'grid')).toEqual([
      { id: 10, label: '双福路社区 / 第一网格' },
      { id: 11, label: '双福路社区 / 第一网格 / 1栋微网格' },
    ])
  })
})

describe('times', () => {
  it('shows Unix seconds in China time', () => {
    expect(unixToChina(1795928910)).toBe('2026-11-29 13:08')
    expect(unixToChina(null)).toBe('–')
    expect(timeCell({}, {}, '2026-11-29T13:08:30+08:00')).toBe('2026-11-29 13:08')
    expect(timeCell({}, {}, null)).toBe('–')
  })

  it('says minutes below an hour, hours above', () => {
    const t = (k: string, v?: Record<string, unknown>) => `${k}:${v?.n}`
    expect(durationText(0.25, t)).toBe('emergency.minutes:15')
    expect(durationText(3.46, t)).toBe('emergency.hours:3.5')
    expect(durationText(null, t)).toBe('–')
  })
})

describe('the role-map editor', () => {
  const items = [
    { peacetime: 'publicist', emergency: 'responder', emergency_zh: '冲锋员' },
    { peacetime: 'volunteer', emergency: 'errand_runner', emergency_zh: '代办员' },
    { peacetime: 'night_watch', emergency: 'screener', emergency_zh: '排查员' },
  ] as const
  it('lists every known peacetime role in order, then others the server has, with what is saved', () => {
    const rows = roleMapRows([...items])
    expect(rows.map((r) => r.peacetime)).toEqual([...PEACETIME_ROLES, 'night_watch'])
    expect(rows[0]).toEqual({ peacetime: 'publicist', saved: 'responder', draft: 'responder' })
    expect(rows.find((r) => r.peacetime === 'informant')).toEqual({ peacetime: 'informant', saved: null, draft: null })
  })
  it('keeps a chosen role as the draft and knows which rows changed', () => {
    const rows = roleMapRows([...items], { publicist: 'screener', informant: 'screener' })
    const publicist = rows.find((r) => r.peacetime === 'publicist')!
    expect(publicist).toEqual({ peacetime: 'publicist', saved: 'responder', draft: 'screener' })
    expect(roleChanged(publicist)).toBe(true)
    expect(roleChanged(rows.find((r) => r.peacetime === 'volunteer')!)).toBe(false)
    expect(roleChanged(rows.find((r) => r.peacetime === 'informant')!)).toBe(true)
    expect(roleChanged(rows.find((r) => r.peacetime === 'helper')!)).toBe(false)
  })
  it('names a duty or a grid role in the current language, an unknown key as itself', () => {
    const dict = zhCN as unknown as Record<string, Record<string, Record<string, string>>>
    const lookup = (key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dict)
    const t = (key: string) => String(lookup(key))
    const te = (key: string) => typeof lookup(key) === 'string'
    expect(peacetimeLabel('publicist', t, te)).toBe('宣传员')
    expect(peacetimeLabel('micro_grid_head', t, te)).toBe('微网格长')
    expect(peacetimeLabel('night_watch', t, te)).toBe('night_watch')
    expect(peacetimeLabel('', t, te)).toBe('–')
  })
})
