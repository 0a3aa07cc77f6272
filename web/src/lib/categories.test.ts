import { describe, expect, it } from 'vitest'
import type { Category } from '@/api/types'
import { categoryOptions, filterCategoryOptions, matchScore, normalise } from './categories'

function cat(id: number, parent: number | null, code: string, zh: string, en: string, py: string): Category {
  return { id, parent_id: parent, code, name_zh: zh, name_en: en, pinyin: py, icon: '', level: 'micro', path: 'micro_grid', needs_verification: true }
}
const ALL: Category[] = [
  cat(1, null, 'dispute', '矛盾纠纷', 'Disputes', 'mdjf'),
  cat(2, null, 'environment', '环境卫生', 'Environment', 'hjws'),
  cat(101, 1, 'dispute.neighbour', '邻里纠纷', 'Neighbour dispute', 'ljjf'),
  cat(102, 1, 'dispute.pets', '宠物扰民', 'Pets disturbing neighbours', 'cwrm'),
  cat(103, 1, 'dispute.noise', '噪音扰民', 'Noise', 'zyrm'),
  cat(201, 2, 'environment.fumes', '油烟异味', 'Cooking fumes and smells', 'yyyw'),
  cat(202, 2, 'environment.sanitation', '环境卫生', 'Sanitation and rubbish', 'hjws'),
  { ...cat(9, null, 'old', '停用类别', 'Disabled', 'tylb'), enabled: false },
]

describe('normalise', () => {
  it('lower-cases and drops spaces', () => {
    expect(normalise('  CW rm ')).toBe('cwrm')
  })
})

describe('matchScore', () => {
  const pets = ALL[3]
  it('ranks exact pinyin above prefix above characters above contains', () => {
    expect(matchScore(pets, 'cwrm')).toBe(100)
    expect(matchScore(pets, 'CWRM')).toBe(100)
    expect(matchScore(pets, 'cw')).toBe(80)
    expect(matchScore(pets, '宠物')).toBe(70)
    expect(matchScore(pets, '扰民')).toBe(60)
    expect(matchScore(pets, 'rm')).toBe(40)
    expect(matchScore(pets, 'pets')).toBe(30)
    expect(matchScore(pets, 'dispute.pets')).toBe(100)
    expect(matchScore(pets, 'xyz')).toBe(0)
  })

  it("lets a parent's match count for its children", () => {
    expect(matchScore(pets, 'mdjf', ALL[0])).toBe(20)
    expect(matchScore(pets, 'mdjf')).toBe(0)
  })

  it('matches everything on an empty query', () => {
    expect(matchScore(pets, '  ')).toBe(1)
  })
})

describe('categoryOptions', () => {
  it('lists each root then its children as "parent / child", without disabled ones', () => {
    const labels = categoryOptions(ALL, 'zh-CN').map((o) => o.label)
    expect(labels).toEqual([
      '矛盾纠纷',
      '矛盾纠纷 / 邻里纠纷',
      '矛盾纠纷 / 宠物扰民',
      '矛盾纠纷 / 噪音扰民',
      '环境卫生',
      '环境卫生 / 油烟异味',
      '环境卫生 / 环境卫生',
    ])
  })

  it('uses English names in English and can leave out groups that have children', () => {
    const leaves = categoryOptions(ALL, 'en', true)
    expect(leaves.map((o) => o.id)).toEqual([101, 102, 103, 201, 202])
    expect(leaves[1].label).toBe('Disputes / Pets disturbing neighbours')
  })
})

describe('filterCategoryOptions', () => {
  const options = categoryOptions(ALL, 'zh-CN', true)
  it('finds by pinyin initials, best first', () => {
    expect(filterCategoryOptions(options, 'cwrm').map((o) => o.id)).toEqual([102])
    expect(filterCategoryOptions(options, 'rm').map((o) => o.id)).toEqual([102, 103])
  })

  it('finds by characters and by the group name', () => {
    expect(filterCategoryOptions(options, '油烟').map((o) => o.id)).toEqual([201])
    // 环境卫生 is both a leaf (exact pinyin) and the group of 油烟异味.
    expect(filterCategoryOptions(options, 'hjws').map((o) => o.id)).toEqual([202, 201])
    expect(filterCategoryOptions(options, 'mdjf').map((o) => o.id)).toEqual([101, 102, 103])
  })

  it('returns everything for an empty query', () => {
    expect(filterCategoryOptions(options, '')).toHaveLength(5)
  })
})
