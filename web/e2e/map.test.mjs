// The one map and the warning map as a newcomer meets them: a base map where tiles load (served here, never
// from the internet) and a quiet note where they do not; a sub-region chosen zooms in; clusters take their
// worst member's colour; hazards without a place of their own stand approximately, and say so; the phone's
// layer panel is a drawer that leaves the map (and an enterprise's own pin) free; the warning map shows
// the drafter's region and its neighbours.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiToken, BASE_URL, fakeTiles, launch, layerAnswer, loggedIn, PHONE, screenshot } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

test('the one map draws a base map with its attribution where tiles load, and says quietly when they do not', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  await fakeTiles(context, true)
  await page.goto(`${BASE_URL}/map`)
  await page.locator('.leaflet-tile-loaded').first().waitFor()
  await page.locator('.leaflet-control-attribution').filter({ hasText: 'OpenStreetMap' }).waitFor()
  assert.equal(await page.getByTestId('map-tiles-note').count(), 0, 'no vector-only note while the base map shows')
  await screenshot(page, 'map-base-desktop')
  await context.close()

  const offline = await loggedIn(browser, 'gongshu')
  await fakeTiles(offline.context, false)
  await offline.page.goto(`${BASE_URL}/map`)
  const note = offline.page.getByTestId('map-tiles-note')
  await note.and(offline.page.locator('[data-state="failed"]')).waitFor()
  assert.match(await note.innerText(), /底图无法加载/)
  assert.equal(await offline.page.locator('.leaflet-tile-container img').count(), 0, 'the failed tile layer is removed')
  // the vector map goes on working: boundaries and enterprises are drawn
  await offline.page.locator('.leaflet-marker-icon').first().waitFor()
  await offline.context.close()
})

test('choosing a sub-region zooms to it; clusters take the colour of their worst member; legends for warnings', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-map').click()
  const map = page.getByTestId('map')
  await page.locator('.yj-cluster span[data-worst]').first().waitFor()
  const worst = await page.locator('.yj-cluster span[data-worst]').evaluateAll((spans) => spans.map((s) => s.dataset.worst))
  assert.ok(worst.every((w) => ['RED', 'ORANGE', 'YELLOW', 'BLUE', 'UNKNOWN'].includes(w)), `cluster colours: ${worst}`)
  const before = Number(await map.getAttribute('data-zoom'))
  await page.locator('.panel .el-select').nth(1).click()
  await page.locator('.el-select-dropdown__item:visible').first().click()
  await page.waitForFunction((z) => Number(document.querySelector('[data-testid="map"]').dataset.zoom) > z, before)
  await page.getByTestId('map-layer-warnings').click()
  const legend = await page.getByTestId('map-warning-legend').innerText()
  for (const level of ['红色预警', '橙色预警', '黄色预警', '蓝色预警']) assert.match(legend, new RegExp(level))
  await context.close()
})

test('a hazard without a place of its own stands at its region\'s centre, marked as approximate', async () => {
  const token = `Bearer ${await apiToken('gongshu')}`
  const [township] = await api(token, 'GET', '/api/regions/330105/children')
  const title = `路口消防栓被遮挡 ${Date.now() % 100000}`
  const created = await api(token, 'POST', '/api/hazards', { title, description: '网格巡查发现消防栓被广告牌遮挡', regionCode: township.code, source: 'GRID_PATROL' })
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-map').click()
  await page.getByTestId('map-count').waitFor()
  const hazards = await layerAnswer(page, '/api/hazards/map', () => page.getByTestId('map-layer-hazards').click())
  const mine = hazards.find((h) => h.id === created.id)
  assert.equal(mine?.location, 'REGION', 'the new hazard is placed at its region')
  await page.getByTestId('map-hazard-approx').waitFor()
  const approximate = page.locator('.yj-hazard:has(span[data-approximate="true"])')
  assert.ok(await approximate.count() >= 1)
  // the pin at the township's centre: its card names the hazard and says the place is approximate
  const pin = page.locator(`.yj-hazard[title*="${title}"], .yj-hazard[title*="此处"][title*="位置为近似"]`)
  for (let i = 0; i < await pin.count(); i++) {
    await pin.nth(i).click({ force: true })
    if (await page.getByTestId('map-hazard-card').getByText(title).count()) break
  }
  const card = page.getByTestId('map-hazard-card')
  const item = card.getByTestId('map-hazard').filter({ hasText: title })
  await item.waitFor()
  assert.match(await item.getByTestId('map-hazard-approximate').innerText(), /位置为近似（按所在区划中心标注）/)
  await screenshot(page, 'map-hazard-approximate-desktop')
  await context.close()
})

test('on a phone the layer panel is a drawer: closed, the map and an enterprise\'s own pin are free', async () => {
  const { context, page } = await loggedIn(browser, 'qiye', PHONE)
  const points = await layerAnswer(page, '/api/enterprises/map', () => page.goto(`${BASE_URL}/map`))
  assert.equal(points.length, 1)
  const pin = page.locator('.yj-marker').first()
  await pin.waitFor()
  assert.ok(!(await page.getByTestId('map-panel').isVisible()), 'the panel starts closed on a phone')
  const box = await pin.boundingBox()
  const onTop = await page.evaluate(([x, y]) => Boolean(document.elementFromPoint(x, y)?.closest('.yj-marker')), [box.x + box.width / 2, box.y + box.height / 2])
  assert.ok(onTop, 'the enterprise\'s own pin is not covered')
  await screenshot(page, 'map-drawer-closed-phone')
  await page.getByTestId('map-panel-toggle').click()
  await page.getByTestId('map-panel').waitFor()
  await page.getByTestId('map-legend').waitFor()
  await screenshot(page, 'map-drawer-open-phone')
  await page.getByTestId('map-panel-close').click()
  await page.getByTestId('map-panel').waitFor({ state: 'hidden' })
  await page.getByTestId('map-panel-toggle').waitFor()
  await context.close()
})

test('the warning drawing map shows the drafter\'s region, its parts and its neighbours', async () => {
  const { context, page } = await loggedIn(browser, 'mishixiang')
  await page.goto(`${BASE_URL}/warnings/new`)
  const map = page.getByTestId('warning-map')
  await map.and(page.locator('[data-outlined="true"]')).waitFor()
  assert.ok(await map.locator('.leaflet-yj-context-pane path').count() >= 2, 'the region and its neighbours are outlined')
  assert.ok(await map.locator('.yj-region-label').count() >= 1, 'the neighbours are named')
  await map.scrollIntoViewIfNeeded()
  await screenshot(page, 'warning-map-context-desktop')
  await context.close()
})
