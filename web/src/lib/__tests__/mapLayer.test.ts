import { describe, expect, it } from 'vitest'
import { rowsOf, worstOf, type Columns } from '../mapLayer'
import { watchTiles } from '../baseMap'

interface Point {
  id: number
  name: string
  majorHazard: boolean
}

describe('map layers by column', () => {
  it('reads point i from index i of every column', () => {
    const layer: Columns<Point> = { count: 2, id: [7, 9], name: ['运河化工', '半山仓储'], majorHazard: [true, false] }
    expect(rowsOf(layer, ['id', 'name', 'majorHazard'])).toEqual([
      { id: 7, name: '运河化工', majorHazard: true },
      { id: 9, name: '半山仓储', majorHazard: false },
    ])
  })

  it('answers no rows for an empty layer and leaves a missing column undefined', () => {
    expect(rowsOf({ count: 0, id: [], name: [], majorHazard: [] } as Columns<Point>, ['id', 'name'])).toEqual([])
    const partial = { count: 1, id: [3], name: ['甲'] } as unknown as Columns<Point>
    expect(rowsOf(partial, ['id', 'majorHazard'])).toEqual([{ id: 3, majorHazard: undefined }])
  })

  it('gives a cluster the worst of its members', () => {
    const risk = ['RED', 'ORANGE', 'YELLOW', 'BLUE', 'UNKNOWN']
    expect(worstOf(['BLUE', 'UNKNOWN', 'ORANGE', 'BLUE'], risk)).toBe('ORANGE')
    expect(worstOf(['UNKNOWN', 'RED'], risk)).toBe('RED')
    expect(worstOf(['GREEN', 'GREEN'], ['RED', 'YELLOW', 'GREEN'])).toBe('GREEN')
    // a value the ranking does not know counts as the best
    expect(worstOf(['', 'YELLOW'], risk)).toBe('YELLOW')
    expect(worstOf([], risk)).toBeUndefined()
  })
})

describe('the base map falls back when tiles do not load', () => {
  it('is "none" when nothing is configured', () => {
    expect(watchTiles(false).state).toBe('none')
    expect(watchTiles(false).failed()).toBe('none')
  })

  it('fails after a few errors with no tile loaded', () => {
    const watch = watchTiles(true, 3)
    expect(watch.state).toBe('loading')
    expect(watch.failed()).toBe('loading')
    expect(watch.failed()).toBe('loading')
    expect(watch.failed()).toBe('failed')
    expect(watch.loaded()).toBe('failed')
  })

  it('stays ok once one tile loaded, whatever fails later (a tile at sea, a flaky request)', () => {
    const watch = watchTiles(true, 2)
    expect(watch.loaded()).toBe('ok')
    watch.failed()
    watch.failed()
    expect(watch.failed()).toBe('ok')
    expect(watch.timedOut()).toBe('ok')
  })

  it('fails when nothing at all arrives in time (a network that drops requests)', () => {
    expect(watchTiles(true).timedOut()).toBe('failed')
  })
})
