import { describe, expect, it } from 'vitest'
import { choosePhotos, MAX_PHOTO_BYTES } from '../photos'

const photo = (name: string, type = 'image/jpeg', size = 1000) => ({ name, type, size })

describe('choosePhotos', () => {
  it('takes photos up to three in all, in the order picked', () => {
    const { accepted, refused } = choosePhotos(1, [photo('a.jpg'), photo('b.png', 'image/png'), photo('c.webp', 'image/webp')])
    expect(accepted.map((f) => f.name)).toEqual(['a.jpg', 'b.png'])
    expect(refused).toEqual([{ file: photo('c.webp', 'image/webp'), reason: 'count' }])
  })

  it('refuses what is not a photo and what is too large, whatever is left of the three', () => {
    const { accepted, refused } = choosePhotos(0, [photo('report.pdf', 'application/pdf'), photo('big.jpg', 'image/jpeg', MAX_PHOTO_BYTES + 1), photo('ok.jpg')])
    expect(accepted.map((f) => f.name)).toEqual(['ok.jpg'])
    expect(refused.map((r) => r.reason)).toEqual(['type', 'size'])
  })

  it('goes by the name when the phone gives no type', () => {
    const { accepted, refused } = choosePhotos(0, [photo('IMG_0001.JPG', ''), photo('notes.txt', '')])
    expect(accepted.map((f) => f.name)).toEqual(['IMG_0001.JPG'])
    expect(refused[0].reason).toBe('type')
  })

  it('takes a photo of exactly the largest size', () => {
    expect(choosePhotos(0, [photo('edge.jpg', 'image/jpeg', MAX_PHOTO_BYTES)]).accepted).toHaveLength(1)
  })
})
