import { describe, expect, it } from 'vitest'
import { areaProgress, completedAreaCodes, summarizeProgress } from '@/domain'
import type { AreaProgress, LearningRecord } from '@/domain'
import { allAreaCodes, knowledgeAreas } from './atsugi-plan'

const today = '2026-06-15'
const promoterAreas = allAreaCodes.slice(0, 6)
let nextId = 0
const record = (
  areaCode: string,
  completedOn: string,
  minutes = 30,
  id = `r${++nextId}`,
): LearningRecord => ({
  id,
  area_code: areaCode,
  completed_on: completedOn,
  minutes,
})
const progressOf = (records: LearningRecord[]) => areaProgress(knowledgeAreas, promoterAreas, records, today)
const area = (progress: AreaProgress[], code: string): AreaProgress => {
  const found = progress.find((entry) => entry.areaCode === code)
  if (!found) throw new Error(`no progress for ${code}`)
  return found
}

describe('areaProgress', () => {
  it('shows every area not started, in area order, for an empty record set', () => {
    const progress = progressOf([])
    expect(progress.map((entry) => entry.areaCode)).toEqual(allAreaCodes)
    expect(progress[0]).toEqual({
      areaCode: 'dx_basics',
      required: true,
      recordCount: 0,
      minutes: 0,
      completed: false,
      lastCompletedOn: null,
    })
    expect(progress.map((entry) => entry.required)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ])
  })

  it('completes an area with one record and sums its records', () => {
    const progress = progressOf([
      record('bpr', '2026-05-01', 30),
      record('bpr', '2026-06-10', 45),
      record('bpr', '2026-04-20', 15),
    ])
    expect(area(progress, 'bpr')).toEqual({
      areaCode: 'bpr',
      required: true,
      recordCount: 3,
      minutes: 90,
      completed: true,
      lastCompletedOn: '2026-06-10',
    })
    expect(area(progress, 'dx_basics').completed).toBe(false)
  })

  it('counts a record dated today', () => {
    expect(area(progressOf([record('bpr', today)]), 'bpr').completed).toBe(true)
  })

  it('does not complete an area with a future-dated record', () => {
    const progress = progressOf([record('bpr', '2026-06-16', 60)])
    expect(area(progress, 'bpr')).toMatchObject({
      completed: false,
      recordCount: 0,
      minutes: 0,
      lastCompletedOn: null,
    })
  })

  it('ignores a record whose date is not a calendar date', () => {
    expect(area(progressOf([record('bpr', '2026-02-30')]), 'bpr').completed).toBe(false)
  })

  it('ignores records in areas the reference data does not know', () => {
    const progress = progressOf([record('quantum', '2026-05-01')])
    expect(progress.map((entry) => entry.areaCode)).toEqual(allAreaCodes)
    expect(progress.every((entry) => !entry.completed)).toBe(true)
  })

  it('counts a record id once when it appears twice', () => {
    const twice = record('bpr', '2026-05-01', 30, 'same')
    expect(area(progressOf([twice, { ...twice }]), 'bpr')).toMatchObject({ recordCount: 1, minutes: 30 })
  })

  it('counts two records with different ids on the same day as two', () => {
    expect(area(progressOf([record('bpr', '2026-05-01'), record('bpr', '2026-05-01')]), 'bpr')).toMatchObject(
      {
        recordCount: 2,
        minutes: 60,
      },
    )
  })

  it('adds no time for negative or non-numeric minutes, but still completes the area', () => {
    const progress = progressOf([
      record('bpr', '2026-05-01', -30),
      record('bpr', '2026-05-02', Number.NaN),
      record('bpr', '2026-05-03', 20),
    ])
    expect(area(progress, 'bpr')).toMatchObject({ completed: true, minutes: 20, recordCount: 3 })
  })

  it('marks no area required when the roles require none', () => {
    expect(areaProgress(knowledgeAreas, [], [], today).some((entry) => entry.required)).toBe(false)
  })
})

describe('summarizeProgress', () => {
  it('counts required and optional areas done', () => {
    const progress = progressOf([
      record('dx_basics', '2026-05-01'),
      record('bpr', '2026-05-01'),
      record('cross_org_dx', '2026-05-01'),
    ])
    expect(summarizeProgress(progress)).toEqual({
      requiredDone: 2,
      requiredTotal: 6,
      optionalDone: 1,
      ratio: 2 / 6,
    })
  })

  it('reports zero of six for an empty record set', () => {
    expect(summarizeProgress(progressOf([]))).toEqual({
      requiredDone: 0,
      requiredTotal: 6,
      optionalDone: 0,
      ratio: 0,
    })
  })

  it('reaches a ratio of 1 when every required area is done', () => {
    const progress = progressOf(promoterAreas.map((code) => record(code, '2026-05-01')))
    expect(summarizeProgress(progress).ratio).toBe(1)
  })

  it('gives no ratio, rather than 100 %, when nothing is required', () => {
    const progress = areaProgress(knowledgeAreas, [], [record('bpr', '2026-05-01')], today)
    expect(summarizeProgress(progress)).toEqual({
      requiredDone: 0,
      requiredTotal: 0,
      optionalDone: 1,
      ratio: null,
    })
  })
})

describe('completedAreaCodes', () => {
  it('lists the completed areas in area order', () => {
    const progress = progressOf([record('cross_org_dx', '2026-05-01'), record('dx_basics', '2026-05-01')])
    expect(completedAreaCodes(progress)).toEqual(['dx_basics', 'cross_org_dx'])
  })
})
