// Region boundaries as a district bureau loads them, and the demo's major hazard sources where a bureau and an
// enterprise look for them (the workbench tile, the enterprise's GB 18218 table).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { BASE_URL, launch, loggedIn, RESULTS, screenshot } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

/** A GeoJSON file of one region's outline: an irregular hexagon inside its box (or a ring left open). */
function boundaryFile(name, code, box, open = false) {
  const w = box.maxLongitude - box.minLongitude
  const h = box.maxLatitude - box.minLatitude
  const ring = [[0.2, 0.1], [0.8, 0.15], [0.9, 0.5], [0.75, 0.9], [0.25, 0.85], [0.1, 0.45], [0.2, 0.1]]
    .map(([x, y]) => [+(box.minLongitude + x * w).toFixed(6), +(box.minLatitude + y * h).toFixed(6)])
  if (open) ring.pop()
  const file = path.join(RESULTS, name)
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [
    { type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: [ring] } }] }))
  return file
}

test('a district bureau loads a township boundary: a wrong file is refused feature by feature, a right one is listed', async () => {
  const { context, page } = await loggedIn(browser, 'xihu')
  const townships = await (await page.request.get(`${BASE_URL}/api/regions/330106/children`)).json()
  const township = townships[townships.length - 1]
  await page.getByTestId('menu-boundaries').click()
  await page.getByTestId('boundary-children').waitFor()

  await page.getByTestId('boundary-file').setInputFiles(boundaryFile('boundary-open.geojson', township.code, township.boundingBox, true))
  await page.getByTestId('boundary-submit').click()
  const errors = page.getByTestId('boundary-errors')
  await errors.locator('tbody').getByText('多边形的环须闭合（首尾坐标相同）').waitFor()
  assert.match(await errors.innerText(), /第 1 个/)
  assert.match(await errors.innerText(), /几何图形/)
  await screenshot(page, 'boundary-refused-desktop')

  await page.getByTestId('boundary-file').setInputFiles(boundaryFile('boundary-xihu.geojson', township.code, township.boundingBox))
  await page.getByTestId('boundary-submit').click()
  await page.getByText('已导入 1 个区划的边界').first().waitFor()
  await page.getByTestId('boundary-list').getByText(township.name).first().waitFor()
  assert.match(await page.getByTestId('boundary-list').innerText(), /boundary-xihu\.geojson/)
  await page.getByTestId('boundary-children').filter({ hasText: /已载入边界 [1-9]/ }).waitFor()
  await screenshot(page, 'boundary-loaded-desktop')

  // the map's region layer now has the outline, not the rectangle
  const shapes = await (await page.request.get(`${BASE_URL}/api/regions/330106/children/geojson`)).json()
  const drawn = shapes.features.find((f) => f.id === township.code)
  assert.equal(drawn.properties.shape, 'boundary')
  assert.equal(drawn.geometry.coordinates[0].length, 7)
  await context.close()
})

test('a township officer has no boundary page', async () => {
  const { context, page } = await loggedIn(browser, 'mishixiang')
  assert.equal(await page.getByTestId('menu-boundaries').count(), 0)
  await context.close()
})

test('the demo city has major hazard sources: the bureau\'s tile counts them, qiye sees its graded sources by name', async () => {
  const bureau = await loggedIn(browser, 'hangzhou')
  const tile = bureau.page.locator('.stat').filter({ hasText: '涉重大危险源企业' }).locator('.value')
  await tile.filter({ hasText: /^[1-9]\d*$/ }).waitFor()
  await bureau.context.close()

  const { context, page } = await loggedIn(browser, 'qiye')
  const me = await (await page.request.get(`${BASE_URL}/api/me`)).json()
  await page.goto(`${BASE_URL}/enterprises/${me.enterpriseId}`)
  const table = page.getByTestId('hazard-sources')
  await table.getByText('甲醇储罐区（2号罐区）').waitFor()
  await table.getByText('甲醇 1200').waitFor()
  const text = await table.innerText()
  assert.match(text, /四级/)
  assert.match(text, /三级/)
  assert.doesNotMatch(text, /METHANOL|AMMONIA/)
  await screenshot(page, 'hazard-sources-desktop')
  await context.close()
})
