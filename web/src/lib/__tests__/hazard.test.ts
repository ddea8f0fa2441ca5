import { describe, expect, it } from 'vitest'
import { actionsFor } from '../hazard'

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
