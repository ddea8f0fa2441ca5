// The supervisor's side of prevention through real pages: who has not made today's commitment, the
// 五色图 zoning import with its per-feature errors, the safety-code colouring of the one map, and the
// hazard statistics per industry.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAnswer, BASE_URL, launch, loggedIn, PHONE, screenshot, layerAnswer } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

/** Today in Asia/Shanghai, the day the server's commitments use. */
function shanghaiDay(offsetDays = 0) {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10)
}

/** Picks an option of an Element Plus select and waits until its dropdown has closed again. */
async function choose(page, testId, label) {
  await page.getByTestId(testId).click()
  await page.locator('.el-popper:visible .el-select-dropdown__item').filter({ hasText: new RegExp(`^${label}$`) }).last().click()
  await page.waitForFunction(() => [...document.querySelectorAll('.el-select__popper')].every((p) => getComputedStyle(p).display === 'none'))
}

/** A GeoJSON polygon feature in 拱墅区 (a closed ring of 5 points unless `open`). */
function zone(name, grade, { open = false, dx = 0 } = {}) {
  const ring = [[120.14 + dx, 30.31], [120.15 + dx, 30.31], [120.15 + dx, 30.32], [120.14 + dx, 30.32], [120.14 + dx, open ? 30.315 : 30.31]]
  return { type: 'Feature', properties: { name, grade }, geometry: { type: 'Polygon', coordinates: [ring] } }
}

function geojsonFile(name, features) {
  return { name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })) }
}

test('a district follows the workbench to the enterprises that have not committed today, by region, and looks at another day', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('todo').getByText('今日未作承诺的企业').waitFor()
  const summary = await apiAnswer(page, '/api/commitments', () => page.getByTestId('todo').getByText('今日未作承诺的企业').click())
  await page.waitForURL('**/risk/commitments')
  assert.equal(summary.day, shanghaiDay())
  assert.ok(summary.missing.length > 0, 'the demo city has enterprises that have not committed')
  assert.ok(summary.missing.every((m) => m.regionCode.startsWith('330105')))
  await page.getByTestId('commitment-required').filter({ hasText: String(summary.required) }).waitFor()
  await page.getByTestId('commitment-missing').filter({ hasText: String(summary.missing.length) }).waitFor()
  assert.equal(await page.locator('#commitmentDay').inputValue(), shanghaiDay())
  // each enterprise is listed with the township it lies in, below 拱墅区
  const first = page.getByTestId('commitment-list').locator('.el-table__row').first()
  assert.match(await first.innerText(), /街道/)
  await screenshot(page, 'commitments-desktop')

  // another day: the list follows the date picker
  const yesterday = await apiAnswer(page, '/api/commitments', async () => {
    await page.locator('#commitmentDay').fill(shanghaiDay(-1))
    await page.locator('#commitmentDay').press('Enter')
  })
  assert.equal(yesterday.day, shanghaiDay(-1))
  await page.getByText(`${shanghaiDay(-1)} 未作承诺的企业`).waitFor()
  // a past day shows the list kept that day; a platform set up today kept none, and says so rather than "all committed"
  if (!yesterday.recorded) {
    await page.getByTestId('commitment-not-recorded').waitFor()
    await apiAnswer(page, '/api/commitments', () => page.getByText('回到今天').click())
    await page.getByText(`${shanghaiDay()} 未作承诺的企业`).waitFor()
  }

  // each enterprise links to its record
  const name = await page.getByTestId('commitment-enterprise').first().innerText()
  await page.getByTestId('commitment-enterprise').filter({ hasText: name }).first().click()
  await page.getByTestId('enterprise-name').filter({ hasText: name }).waitFor()
  await context.close()

  // a township sees only its own enterprises, on a phone
  const township = await loggedIn(browser, 'mishixiang', PHONE)
  const own = await apiAnswer(township.page, '/api/commitments', () => township.page.goto(`${BASE_URL}/risk/commitments`))
  assert.ok(own.missing.every((m) => m.regionCode.startsWith('330105001')), 'a township sees only its own enterprises')
  await township.page.getByTestId('commitment-stats').waitFor()
  await screenshot(township.page, 'commitments-phone')
  await township.context.close()
})

test('a district imports a 五色图 layer: a wrong file is refused feature by feature, a right one is listed and shown on the map', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-risk').click()
  await page.getByTestId('risk-zones').click()
  await page.waitForURL('**/risk/zones')
  const name = `拱墅区洪涝风险区划 ${Date.now().toString(36)}`
  await page.getByTestId('zone-name').fill(name)
  await choose(page, 'zone-type', '洪涝')

  // feature 2 has no valid grade and feature 3 an open ring: nothing is imported, both are named
  await page.getByTestId('zone-file').setInputFiles(geojsonFile('bad.geojson', [zone('运河沿岸', 1), zone('低洼片区', 7, { dx: 0.02 }), zone('北部片区', 3, { open: true, dx: 0.04 })]))
  await page.getByTestId('zone-submit').click()
  const errors = page.getByTestId('zone-errors')
  await errors.getByText('第 2 个').waitFor()
  assert.match(await errors.innerText(), /第 2 个[\s\S]*等级[\s\S]*1 到 5/)
  assert.match(await errors.innerText(), /第 3 个[\s\S]*闭合/)
  assert.equal(await page.getByTestId('zone-layer').filter({ hasText: name }).count(), 0, 'a refused file imports nothing')
  await screenshot(page, 'zones-errors-desktop')

  await page.getByTestId('zone-file').setInputFiles(geojsonFile('good.geojson', [zone('运河沿岸', 1), zone('低洼片区', 2, { dx: 0.02 }), zone('北部片区', 4, { dx: 0.04 })]))
  await page.getByTestId('zone-submit').click()
  await page.getByText(`已导入图层“${name}”，共 3 个区域`).waitFor()
  assert.equal(await errors.count(), 0)
  const row = page.locator('.el-table__row').filter({ hasText: name })
  await row.waitFor()
  assert.match(await row.innerText(), /洪涝/)

  // 在一张图中查看: the map opens with the layer ticked and its three zones drawn
  await row.getByTestId('zone-view').click()
  await page.waitForURL(/\/map\?zone=\d+/)
  await page.getByRole('checkbox', { name }).or(page.locator('.el-checkbox.is-checked').filter({ hasText: name })).first().waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length >= 3)
  await screenshot(page, 'zones-map-desktop')
  await context.close()
})

test('the one map colours enterprises by safety code on request, with its legend, and the card shows the code', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-map').click()
  await page.locator('.leaflet-marker-icon').first().waitFor()
  assert.match(await page.getByTestId('map-legend').innerText(), /重大风险/)
  const codes = await apiAnswer(page, '/api/safety-codes', () => page.getByTestId('map-colour-by').getByText('安全码').click())
  assert.ok(Object.values(codes).every((code) => code === 'RED' || code === 'YELLOW'), 'the layer lists only red and yellow')
  const legend = await page.getByTestId('map-legend').innerText()
  for (const label of ['红码', '黄码', '绿码']) {
    assert.ok(legend.includes(label), `the legend names ${label}`)
  }

  // zoom into clusters until a single enterprise shows; its colour is its code's, and so is its card
  for (let i = 0; i < 8 && (await page.locator('.yj-marker').count()) === 0; i++) {
    await page.locator('.yj-cluster').first().click()
    await page.waitForTimeout(400)
  }
  const marker = page.locator('.yj-marker').first()
  const colour = await marker.locator('span').evaluate((span) => getComputedStyle(span).backgroundColor)
  assert.ok(['rgb(211, 47, 47)', 'rgb(249, 168, 37)', 'rgb(46, 125, 50)'].includes(colour), `a safety-code colour, not ${colour}`)
  await marker.click()
  const card = page.getByTestId('map-card')
  await card.getByTestId('safety-code').waitFor()
  const expected = { 'rgb(211, 47, 47)': '红码', 'rgb(249, 168, 37)': '黄码', 'rgb(46, 125, 50)': '绿码' }[colour]
  assert.match(await card.getByTestId('safety-code').innerText(), new RegExp(expected))
  await screenshot(page, 'map-safety-desktop')
  await context.close()
})

test('the hazard statistics chart found, closed and overdue hazards per industry beside the areas', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  const statistics = await apiAnswer(page, '/api/hazards/statistics', () => page.getByTestId('menu-hazards').click())
  assert.ok(statistics.byIndustry.length > 0)
  assert.equal(statistics.byIndustry.reduce((sum, row) => sum + row.found, 0),
    Object.values(statistics.counts.status).reduce((sum, n) => sum + n, 0), 'every hazard is in one industry row')
  await page.getByTestId('hazard-by-industry').locator('canvas').waitFor()
  assert.equal(await page.getByTestId('hazard-by-industry').getByRole('img').getAttribute('aria-label'), '各行业隐患情况')
  await screenshot(page, 'hazards-desktop')
  await context.close()
})

test('the one map shows the open hazards of 拱墅区 as pins with a card that leads to the hazard', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-map').click()
  await page.locator('.leaflet-marker-icon').first().waitFor()
  assert.equal(await page.locator('.yj-hazard').count(), 0, 'the hazard layer starts hidden')
  const hazards = await layerAnswer(page, '/api/hazards/map', () => page.getByTestId('map-layer-hazards').click())
  assert.ok(hazards.length > 0, 'the demo city has open hazards with a location')
  assert.ok(hazards.every((h) => h.regionCode.startsWith('330105')), 'a hazard outside 拱墅区 reached the map')
  assert.ok(hazards.every((h) => h.status !== 'CLOSED' && h.status !== 'DISMISSED'), 'only open hazards')
  await page.getByTestId('map-hazard-count').filter({ hasText: `显示 ${hazards.length} 条未销号隐患` }).waitFor()
  const places = new Set(hazards.map((h) => `${h.latitude.toFixed(6)},${h.longitude.toFixed(6)}`))
  await page.waitForFunction((n) => document.querySelectorAll('.yj-hazard').length === n, places.size)
  const legend = await page.getByTestId('map-hazard-legend').innerText()
  for (const label of ['重大隐患', '一般隐患', '待核实', '已逾期']) {
    assert.ok(legend.includes(label), `the hazard legend names ${label}`)
  }

  // a major hazard makes its pin red; the card lists every hazard of the place with status and grade
  const major = hazards.find((h) => h.grade === 'MAJOR')
  const pin = page.locator(major ? '.yj-hazard:has(.pin[data-kind=MAJOR])' : '.yj-hazard').first()
  if (major) {
    assert.equal(await pin.locator('.pin').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(211, 47, 47)')
  }
  await pin.click()
  const card = page.getByTestId('map-hazard-card')
  await card.waitFor()
  const shown = await card.getByTestId('map-hazard').count()
  assert.ok(shown >= 1)
  if (major) {
    assert.match(await card.innerText(), new RegExp(`${major.title}[\\s\\S]*重大隐患`))
  }
  await screenshot(page, 'map-hazards-desktop')
  const first = card.getByTestId('map-hazard-link').first()
  const title = await first.innerText()
  await first.click()
  await page.waitForURL(/\/hazards\/\d+$/)
  await page.locator('.el-page-header').getByText(title).waitFor()
  const id = Number(new URL(page.url()).pathname.split('/').pop())
  assert.ok(hazards.some((h) => h.id === id && h.title === title), 'the link opens the hazard of the card')

  // the layer follows the sub-region filter
  await page.goto(`${BASE_URL}/map?layer=hazards`)
  await page.getByTestId('map-hazard-count').waitFor()
  const region = page.locator('.panel .el-select').nth(1)
  await region.click()
  const narrowed = await layerAnswer(page, '/api/hazards/map', () => page.locator('.el-select-dropdown__item').filter({ hasText: '米市巷街道' }).click())
  assert.ok(narrowed.every((h) => h.regionCode.startsWith('330105001')), 'only 米市巷街道 after narrowing')
  await page.getByTestId('map-hazard-count').filter({ hasText: `显示 ${narrowed.length} 条未销号隐患` }).waitFor()
  await context.close()

  // on a phone the layer can be shown too, and /map?layer=hazards opens with it
  const { context: phoneContext, page: phone } = await loggedIn(browser, 'gongshu', PHONE)
  await phone.goto(`${BASE_URL}/map?layer=hazards`)
  await phone.locator('.yj-hazard').first().waitFor()
  // the layer panel is a drawer on a phone, opened by its button
  await phone.getByTestId('map-panel-toggle').click()
  assert.ok(await phone.getByTestId('map-layer-hazards').isVisible(), 'the hazard layer can be switched on a phone')
  await phone.waitForTimeout(300)
  await screenshot(phone, 'map-hazards-phone')
  await phoneContext.close()
})
