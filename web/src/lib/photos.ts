/**
 * The photos a citizen adds to a public report: what the server takes (photos recognised by their
 * bytes, at most three per report, 10 MB each by default), checked on the phone first so nobody
 * waits for an upload the server would refuse. The server still decides.
 */
export const MAX_PHOTOS = 3
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export type PhotoRefusal = 'type' | 'size' | 'count'

interface Picked {
  name: string
  type: string
  size: number
}

/** Some phones leave the type empty: then the file's name decides. */
function isPhoto(file: Picked): boolean {
  if (file.type) {
    return (PHOTO_TYPES as readonly string[]).includes(file.type)
  }
  return /\.(jpe?g|png|webp)$/i.test(file.name)
}

/** Which of the picked files join the `kept` ones, in order, and why the others do not. */
export function choosePhotos<T extends Picked>(kept: number, picked: readonly T[], max = MAX_PHOTOS, maxBytes = MAX_PHOTO_BYTES) {
  const accepted: T[] = []
  const refused: { file: T; reason: PhotoRefusal }[] = []
  for (const file of picked) {
    if (!isPhoto(file)) {
      refused.push({ file, reason: 'type' })
    } else if (file.size > maxBytes) {
      refused.push({ file, reason: 'size' })
    } else if (kept + accepted.length >= max) {
      refused.push({ file, reason: 'count' })
    } else {
      accepted.push(file)
    }
  }
  return { accepted, refused }
}
