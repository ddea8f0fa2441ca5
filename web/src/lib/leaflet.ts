import L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import 'leaflet.markercluster/dist/MarkerCluster.css'
import 'leaflet.markercluster/dist/MarkerCluster.Default.css'
import type { ClientConfig } from '@/api/auth'
import { watchTiles, type TileState } from './baseMap'

/**
 * Leaflet with the marker-cluster plugin. The plugin is a UMD script that extends the global `L`,
 * so the global must exist before it loads.
 */
export async function loadLeaflet(): Promise<typeof L> {
  ;(window as unknown as { L: typeof L }).L = L
  await import('leaflet.markercluster')
  return L
}

/** How long the first tile may take before the map gives up on the base map (a network that drops, not refuses). */
const TILE_PATIENCE_MS = 10_000

/**
 * The configured base map (and its label layer) under everything else, with its attribution. When
 * the tiles do not load the layers are removed again and `onState('failed')` tells the page, which
 * then shows the vector-only note. Answers nothing to draw when no tiles are configured ('none').
 */
export function addBaseMap(leaflet: typeof L, map: L.Map, config: ClientConfig, onState: (state: TileState) => void): void {
  const watch = watchTiles(Boolean(config.tileUrl))
  onState(watch.state)
  if (!config.tileUrl) return
  const options: L.TileLayerOptions = {
    maxZoom: config.maxZoom,
    attribution: config.tileAttribution ?? '',
    subdomains: config.tileSubdomains?.length ? config.tileSubdomains : 'abc',
  }
  const layers = [leaflet.tileLayer(config.tileUrl, options)]
  if (config.tileLabelUrl) layers.push(leaflet.tileLayer(config.tileLabelUrl, { ...options, attribution: '' }))
  const timer = setTimeout(() => report(watch.timedOut()), TILE_PATIENCE_MS)
  let last = watch.state
  function report(state: TileState): void {
    if (state === last) return
    last = state
    clearTimeout(timer)
    if (state === 'failed') for (const layer of layers) layer.remove()
    onState(state)
  }
  layers[0].on('tileload', () => report(watch.loaded()))
  layers[0].on('tileerror', () => report(watch.failed()))
  map.on('unload', () => clearTimeout(timer))
  for (const layer of layers) layer.addTo(map)
}
