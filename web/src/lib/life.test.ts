import { describe, expect, it } from 'vitest'
import {
  TOPIC_PATH,
  coverageLevel,
  groupUnread,
  monthChoices,
  quarterChoices,
  shortAt,
  stateTagType,
  stepsProgress,
  tallyBars,
  topicStep,
  votesToQuorum,
} from './life'

describe('topicStep', () => {
  it.each([
    ['raised', 0, false],
    ['gathering_opinions', 1, false],
    ['voting', 3, false],
    ['done', 7, false],
    ['rejected', 3, true],
    ['withdrawn', 0, true],
    ['nonsense', 0, false],
  ])('%s → step %i (stopped %s)', (state, index, stopped) => {
    expect(topicStep(state)).toEqual({ index, stopped })
  })
  it('follows the server workflow order', () => {
    expect(TOPIC_PATH).toEqual(['raised', 'gathering_opinions', 'meeting', 'voting', 'decided', 'published', 'implementing', 'done'])
  })
})

describe('stateTagType', () => {
  it.each([
    ['voting', 'warning'],
    ['adopted', 'success'],
    ['superseded', 'danger'],
    ['implementing', 'primary'],
    ['draft', 'info'],
  ])('%s → %s', (state, tag) => expect(stateTagType(state)).toBe(tag))
})

describe('tallies', () => {
  it('shares of the votes cast', () => {
    expect(tallyBars({ for: 2, against: 1, abstain: 0, cast: 3 })).toEqual({ for: 67, against: 33, abstain: 0 })
    expect(tallyBars({ for: 0, against: 0, abstain: 0, cast: 0 })).toEqual({ for: 0, against: 0, abstain: 0 })
  })
  it.each([
    // eligible, cast, quorum %, still needed
    [10, 3, 50, 2],
    [10, 5, 50, 0], // exactly at quorum
    [10, 3, 34, 1], // 34% of 10 rounds up to 4
    [5, 5, 100, 0],
    [0, 0, 50, 0],
  ])('%i households, %i voted, quorum %i%% → %i more', (eligible, cast, quorum_percent, more) => {
    expect(votesToQuorum({ eligible, cast, quorum_percent })).toBe(more)
  })
})

describe('coverage and progress', () => {
  it.each([
    [1, 'success'],
    [0.8, 'success'],
    [0.79, 'warning'],
    [0.5, 'warning'],
    [0.1, 'exception'],
  ])('rate %f → %s', (rate, level) => expect(coverageLevel(rate)).toBe(level))
  it('averages step progress', () => {
    expect(stepsProgress([{ progress: 100 }, { progress: 50 }, { progress: 0 }])).toBe(50)
    expect(stepsProgress([])).toBe(0)
  })
})

describe('groupUnread', () => {
  it('groups by compound, building and unit in natural order', () => {
    const groups = groupUnread([
      { household_id: 1, name: '1201', unit: '1单元', building: '10栋', compound: '锦云府' },
      { household_id: 2, name: '301', unit: '2单元', building: '2栋', compound: '锦云府' },
      { household_id: 3, name: '201', unit: '2单元', building: '2栋', compound: '锦云府' },
      { household_id: 4, name: '101', unit: '1单元', building: '2栋', compound: '锦云府' },
      { household_id: 5, name: '101', unit: '1单元', building: '2栋', compound: '花园' },
    ])
    expect(groups).toEqual([
      { label: '花园 2栋 1单元', households: ['101'] },
      { label: '锦云府 2栋 1单元', households: ['101'] },
      { label: '锦云府 2栋 2单元', households: ['201', '301'] },
      { label: '锦云府 10栋 1单元', households: ['1201'] },
    ])
  })
})

describe('choices', () => {
  it('months back across the new year', () => {
    expect(monthChoices(new Date(2026, 1, 10), 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11'])
  })
  it('quarters back across the new year', () => {
    expect(quarterChoices(new Date(2026, 10, 30), 5)).toEqual(['2026Q4', '2026Q3', '2026Q2', '2026Q1', '2025Q4'])
  })
  it('short times', () => {
    expect(shortAt('2026-11-28T09:00:00+08:00')).toBe('2026-11-28 09:00')
    expect(shortAt(null)).toBe('–')
  })
})
