/**
 * Whether the base map's tiles load. Offline networks (政务内网) and blocked tile servers should not
 * leave a grey box with broken images: after a few failed tiles and none loaded, or none loaded within
 * a while, the map drops the tile layer and says, quietly, that it shows boundaries only.
 */
export type TileState = 'none' | 'loading' | 'ok' | 'failed'

export interface TileWatch {
  readonly state: TileState
  loaded(): TileState
  failed(): TileState
  /** Called when the waiting time is over: still nothing loaded means failed. */
  timedOut(): TileState
}

/** `errorsToFail` failed tiles with none loaded decide "failed"; one loaded tile decides "ok" for good. */
export function watchTiles(configured: boolean, errorsToFail = 3): TileWatch {
  let state: TileState = configured ? 'loading' : 'none'
  let errors = 0
  return {
    get state() {
      return state
    },
    loaded() {
      if (state === 'loading') state = 'ok'
      return state
    },
    failed() {
      errors++
      if (state === 'loading' && errors >= errorsToFail) state = 'failed'
      return state
    },
    timedOut() {
      if (state === 'loading') state = 'failed'
      return state
    },
  }
}
