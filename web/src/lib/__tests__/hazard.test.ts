import { describe, expect, it } from 'vitest'
import { actionsFor, foundByIndustry } from '../hazard'
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

describe('foundByIndustry', () => {
  it('lists industries with hazards in the registry order and those without an enterprise last', () => {
    expect(foundByIndustry({ TRADE: 3, NONE: 2, CHEMICAL: 5, MINING: 0 }, INDUSTRIES)).toEqual([
      { industry: 'CHEMICAL', found: 5 },
      { industry: 'TRADE', found: 3 },
      { industry: 'NONE', found: 2 },
    ])
  })

  it('is empty without counts', () => {
    expect(foundByIndustry(undefined, INDUSTRIES)).toEqual([])
    expect(foundByIndustry({}, INDUSTRIES)).toEqual([])
  })
})
