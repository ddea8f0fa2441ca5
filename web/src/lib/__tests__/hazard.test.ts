import { describe, expect, it } from 'vitest'
import { actionsFor, byIndustry, HAZARD_COLOURS, hazardMarkerKind, hazardPlaces } from '../hazard'
import { INDUSTRIES } from '../industry'

describe('actionsFor', () => {
  const officer = ['hazard:read', 'hazard:verify', 'hazard:remediate']
  const enterprise = ['hazard:read', 'hazard:remediate']

  it('lets an officer verify a new report and accept or reject a remediated one', () => {
    expect(actionsFor('REPORTED', officer)).toEqual(['verify', 'dismiss'])
    expect(actionsFor('REMEDIATED', officer)).toEqual(['accept', 'reject'])
  })

  it('lets an enterprise only remediate', () => {
    expect(actionsFor('REPORTED', enterprise)).toEqual([])
    expect(actionsFor('ASSIGNED', enterprise)).toEqual(['progress', 'complete'])
    expect(actionsFor('REMEDIATED', enterprise)).toEqual([])
  })

  it('offers nothing on a closed or dismissed hazard', () => {
    expect(actionsFor('CLOSED', officer)).toEqual([])
    expect(actionsFor('DISMISSED', officer)).toEqual([])
  })
})

describe('byIndustry', () => {
  const row = (industry: string, found: number, closed = 0, overdue = 0) => ({ industry, found, closed, overdue, closureRate: null })

  it('lists industries with hazards in the registry order and those without an enterprise last', () => {
    expect(byIndustry([row('NONE', 2), row('TRADE', 3, 1), row('CHEMICAL', 5, 2, 1), row('MINING', 0)], INDUSTRIES)).toEqual([
      row('CHEMICAL', 5, 2, 1),
      row('TRADE', 3, 1),
      row('NONE', 2),
    ])
  })

  it('is empty without figures', () => {
    expect(byIndustry(undefined, INDUSTRIES)).toEqual([])
    expect(byIndustry([], INDUSTRIES)).toEqual([])
  })
})

describe('hazardMarkerKind', () => {
  it('is red for 重大, orange for 一般 and grey until a grade is given', () => {
    expect(HAZARD_COLOURS[hazardMarkerKind('MAJOR')]).toBe('#d32f2f')
    expect(HAZARD_COLOURS[hazardMarkerKind('GENERAL')]).toBe('#f57c00')
    expect(hazardMarkerKind(null)).toBe('UNVERIFIED')
    expect(hazardMarkerKind(undefined)).toBe('UNVERIFIED')
  })
})

describe('hazardPlaces', () => {
  const at = (id: number, grade: string | null, overdue = false, longitude = 120.15, latitude = 30.3) => ({ id, grade, overdue, longitude, latitude })

  it('puts the hazards of one enterprise into one place coloured by the worst and ringed when any is overdue', () => {
    const places = hazardPlaces([at(1, null), at(2, 'GENERAL', true), at(3, 'MAJOR'), at(4, 'GENERAL', false, 120.2, 30.3)])
    expect(places).toHaveLength(2)
    const [qiye, other] = places
    expect(qiye.kind).toBe('MAJOR')
    expect(qiye.overdue).toBe(true)
    // the overdue one first, then by grade
    expect(qiye.hazards.map((h) => h.id)).toEqual([2, 3, 1])
    expect(other).toMatchObject({ kind: 'GENERAL', overdue: false, longitude: 120.2 })
  })

  it('keeps places apart that differ by more than about 0.1 m', () => {
    expect(hazardPlaces([at(1, null, false, 120.150001), at(2, null, false, 120.150002)])).toHaveLength(2)
    expect(hazardPlaces([at(1, null, false, 120.1500001), at(2, null, false, 120.1500002)])).toHaveLength(1)
  })

  it('is grey for a place where nothing is verified yet, and empty without hazards', () => {
    expect(hazardPlaces([at(1, null)])[0].kind).toBe('UNVERIFIED')
    expect(hazardPlaces([])).toEqual([])
  })
})
