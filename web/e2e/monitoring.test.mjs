// Monitoring through real pages: the enterprise disposes of its gas alarm on a phone, a breaching
// reading reaches an open alarm board live, a device is registered with its one-time key and charted,
// and the one map shows the sensors and the open alarms.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiAnswer, apiToken, BASE_URL, launch, loggedIn, PHONE, screenshot, layerAnswer } from './support.mjs'

let browser

/** A device code no earlier run has taken (codes are unique for ever). */
const unique = (prefix) => `${prefix}-${Date.now().toString(36).toUpperCase()}`

/** Waits until no Element Plus dialog or drawer overlay is left on the page. */
async function overlaysGone(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none'))
}

/** Picks an option of an Element Plus select and waits until its dropdown has closed again. */
async function choose(page, testId, label) {
  await page.getByTestId(testId).click()
  await page.locator('.el-popper:visible .el-select-dropdown__item').filter({ hasText: label }).first().click()
  await page.waitForFunction(() => [...document.querySelectorAll('.el-select__popper')].every((p) => getComputedStyle(p).display === 'none'))
}

/** Registers a public-facility gas detector in 米市巷街道 as the district, answering the device and its key. */
async function registerDetector(name, longitude, latitude) {
  const token = await apiToken('gongshu')
  const code = unique('E2E-GAS')
  const { device, key } = await api(`Bearer ${token}`, 'POST', '/api/devices', {
    code, name, type: 'COMBUSTIBLE_GAS', regionCode: '330105001', longitude, latitude,
  })
  return { device, key, code }
}

/** Sends one reading with the device's own key, as the detector would. */
async function send(code, key, values) {
  const answer = await api(`Device ${code}:${key}`, 'POST', '/api/telemetry', { readings: [{ device: code, values }] })
  assert.equal(answer.accepted, 1, JSON.stringify(answer))
}

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

test('the enterprise follows the workbench to its gas alarm on a phone, acknowledges it, records the disposal and opens a hazard from it', async () => {
  const { context, page } = await loggedIn(browser, 'qiye', PHONE)
  const tile = page.getByTestId('workbench-alarms')
  await tile.waitFor()
  assert.ok(Number(await page.getByTestId('workbench-open-alarms').innerText()) >= 1, 'the workbench counts the open alarms')
  await tile.getByRole('link').click()
  await page.waitForURL('**/alarms')

  // the demo city's 一级 gas alarm at the tank farm, waiting to be acknowledged
  const row = page.getByTestId('alarm-row').filter({ hasText: 'YJ-QY-GAS-01' }).filter({ hasText: '超上限' })
  await row.waitFor()
  assert.equal(await row.getByTestId('alarm-status').innerText(), '新报警')
  assert.match(await row.innerText(), /一级/)
  // the demo's sensor keeps reporting (through the embedded broker), so its value moves: the row shows value, peak and threshold in %LEL
  assert.match(await row.innerText(), /当前值 \d+(\.\d+)? %LEL · 峰值 \d+(\.\d+)? %LEL · 阈值 25 %LEL/)
  await screenshot(page, 'alarms-phone')

  await row.getByTestId('alarm-action-acknowledge').click()
  await page.locator('#alarmComment').fill('已通知罐区巡检人员携便携式检测仪到场')
  await page.getByTestId('alarm-act-submit').click()
  await row.getByTestId('alarm-status').filter({ hasText: '已确认' }).waitFor()
  await overlaysGone(page)
  assert.equal(await row.getByTestId('alarm-action-acknowledge').count(), 0, 'an acknowledged alarm is not acknowledged twice')

  // a disposal is required: the server says so under the field
  await row.getByTestId('alarm-action-handle').click()
  await page.getByTestId('alarm-act-submit').click()
  await page.locator('.el-form-item__error').filter({ hasText: '请填写处置情况' }).waitFor()
  const disposal = '2号罐区东侧法兰垫片渗漏，已关闭进料阀、加强通风并更换垫片，复测 3 %LEL'
  await page.locator('#alarmDisposal').fill(disposal)
  await screenshot(page, 'alarm-handle-phone')
  await page.getByTestId('alarm-act-submit').click()
  await row.getByTestId('alarm-status').filter({ hasText: '已处置' }).waitFor()
  await overlaysGone(page)
  assert.equal(await row.getByTestId('alarm-action-handle').count(), 0, 'a handled alarm offers no further step on the board')

  // the detail: who did what, and 转为隐患, which leads to the hazard the hazard module opens
  await row.getByTestId('alarm-open').click()
  await page.waitForURL(/\/alarms\/\d+$/)
  const detail = page.getByTestId('alarm-detail')
  await detail.getByTestId('alarm-detail-status').filter({ hasText: '已处置' }).waitFor()
  const steps = await detail.getByTestId('alarm-history').locator('.el-timeline-item strong').allInnerTexts()
  assert.equal(steps[0], '报警')
  assert.deepEqual(steps.filter((s) => s === '确认' || s === '处置'), ['确认', '处置'])
  const history = await detail.getByTestId('alarm-history').innerText()
  for (const text of ['安全负责人 钱明', '已通知罐区巡检人员', disposal]) { // the person by name, not the login name
    assert.ok(history.includes(text), `the history mentions ${text}`)
  }
  await detail.getByTestId('alarm-detail-hazard').click()
  await page.getByTestId('alarm-act-submit').click()
  const link = detail.getByTestId('alarm-hazard-link')
  await link.waitFor({ timeout: 20_000 })
  assert.equal(await detail.getByTestId('alarm-detail-hazard').count(), 0, 'an alarm becomes a hazard once')
  await page.getByTestId('alarm-act-form').waitFor({ state: 'hidden' })
  await screenshot(page, 'alarm-detail-phone')
  await link.click()
  await page.waitForURL(/\/hazards\/\d+$/)
  await page.getByTestId('hazard-status').filter({ hasText: '待核实' }).waitFor()
  assert.match(await page.locator('.el-page-header').innerText(), /2号储罐区可燃气体探测器一级超上限报警/)
  assert.match(await page.locator('.el-descriptions').innerText(), /监测报警/)
  await context.close()
})

test('a breaching reading reaches the open board at once: listed, highlighted and sounded without a reload, and its recovery too', async () => {
  const { device, key, code } = await registerDetector('大关路燃气管廊可燃气体探测器', 120.158, 30.312)
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-alarms').click()
  const board = page.getByTestId('alarm-board')
  await page.locator('[data-testid=alarm-board][data-live=true]').waitFor()
  // the page was reached by a click, so the browser may already allow sound; if not, 开启声音 asks
  if (await page.getByTestId('alarm-sound-enable').isVisible()) {
    await page.getByTestId('alarm-sound-enable').click()
  }
  const sounding = await page.getByTestId('alarm-sound-toggle').isVisible()
  const beeps = Number(await board.getAttribute('data-beeps'))
  await page.evaluate(() => {
    window.sameDocument = true
  })
  const row = page.locator('.alarm-row').filter({ hasText: code })
  assert.equal(await row.count(), 0)

  await send(code, key, { lel: 40 })
  await row.waitFor()
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'the board was not reloaded')
  assert.match(await row.getAttribute('class'), /\bfresh\b/, 'a new alarm is highlighted')
  const text = await row.innerText()
  for (const part of ['新', '一级', '超上限', '40 %LEL', '25 %LEL', '新报警', device.name]) {
    assert.ok(text.includes(part), `the row shows ${part}`)
  }
  if (sounding) {
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=alarm-board]').dataset.beeps) > n, beeps)
  }
  await screenshot(page, 'alarms-live-desktop')

  // the mute is remembered on the device
  if (sounding) {
    await page.getByTestId('alarm-sound-toggle').click()
    assert.equal(await page.evaluate(() => localStorage.getItem('yingji.alarm-sound-muted')), '1')
    await page.getByTestId('alarm-sound-toggle').click()
  }

  // the gas falls back below the threshold: the row says so, still without a reload
  await send(code, key, { lel: 2 })
  await row.getByText('已恢复正常').waitFor()
  // acknowledged, the highlight goes
  await row.getByTestId('alarm-action-acknowledge').click()
  await page.getByTestId('alarm-act-submit').click()
  await row.getByTestId('alarm-status').filter({ hasText: '已确认' }).waitFor()
  assert.doesNotMatch(await row.getAttribute('class'), /\bfresh\b/)
  assert.equal(await page.evaluate(() => window.sameDocument), true)
  await context.close()
})

test('the district registers a device, copies its one-time key, sees its chart fill with a reading sent with that key, and imports more from a file', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL })
  await page.getByTestId('menu-devices').click()
  await page.getByTestId('device-table').locator('.el-table__row').first().waitFor()
  await screenshot(page, 'devices-desktop')

  const code = unique('E2E-LVL')
  await page.getByTestId('device-register').click()
  await page.locator('#deviceCode').fill(code)
  await page.locator('#deviceName').fill('运河二通道水位计')
  await choose(page, 'device-type', /^水位$/)
  // the lazy region picker: found by name (the cascader opens a level at a time)
  await page.getByTestId('device-region-search').locator('input').fill('米市巷')
  await page.locator('.el-popper:visible .el-select-dropdown__item').filter({ hasText: /米市巷街道$/ }).first().click()
  await page.locator('#deviceLongitude').fill('120.161')
  await page.locator('#deviceLatitude').fill('30.309')
  await page.locator('#deviceInterval').fill('2')
  await page.getByTestId('device-submit').click()
  // the server's reason appears under the field it is about
  await page.getByTestId('device-form').locator('.el-form-item__error').filter({ hasText: /上报周期须在 5 到 86,?400 秒之间/ }).waitFor()
  await page.locator('#deviceInterval').fill('300')
  await page.getByTestId('device-submit').click()

  const dialog = page.getByTestId('device-key-dialog')
  await dialog.waitFor()
  assert.match(await dialog.innerText(), /密钥只显示这一次/)
  const key = await page.getByTestId('device-key').inputValue()
  assert.match(key, /^[0-9a-f]{48}$/)
  assert.ok((await dialog.innerText()).includes(`Authorization: Device ${code}:${key}`))
  await page.getByTestId('device-key-copy').click()
  await page.getByText('密钥已复制').waitFor()
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key)
  await screenshot(page, 'device-key-desktop')
  await page.getByTestId('device-key-done').click()
  await page.waitForURL(/\/devices\/\d+$/)

  const chart = page.getByTestId('device-chart')
  await chart.locator('canvas').first().waitFor()
  await chart.getByTestId('device-chart-empty').waitFor()
  // the key shown once is the one that works: a reading sent with it appears on the chart
  await send(code, key, { level: 2.1 })
  await chart.getByTestId('device-range').getByText('近 24 小时').click()
  await chart.getByTestId('device-chart-empty').waitFor({ state: 'detached' })
  assert.match(await page.getByTestId('device-state').innerText(), /在线|离线/)
  await overlaysGone(page)
  await screenshot(page, 'device-detail-desktop')

  // an import with a wrong line is refused whole, the line and field named; corrected, it is taken
  await page.goto(`${BASE_URL}/devices`)
  await page.getByTestId('import-open').click()
  const header = 'code,name,type,enterpriseId,regionCode,longitude,latitude,expectedIntervalSeconds,unit,streamUrl'
  const rain = unique('E2E-RAIN')
  const file = (type) => ({ name: 'devices.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${rain},大关路口雨量计,${type},,330105001,120.153,30.305,300,mm/h,\n`) })
  await page.getByTestId('import-file').setInputFiles(file('RAIN'))
  await page.getByTestId('import-submit').click()
  const result = page.getByTestId('import-result')
  await result.waitFor()
  const refused = await result.innerText()
  assert.match(refused, /未知的设备类型“RAIN”/)
  assert.match(refused, /\b2\b/)
  assert.match(refused, /type/)
  await page.getByTestId('import-file').setInputFiles(file('RAINFALL'))
  await page.getByTestId('import-submit').click()
  await page.getByText('已导入 1 台设备').waitFor()
  await overlaysGone(page)
  await page.getByTestId('device-search').fill(rain)
  await page.getByTestId('device-search-submit').click()
  await page.getByTestId('device-link').filter({ hasText: '大关路口雨量计' }).waitFor()

  // on a phone the list is cards
  await page.setViewportSize(PHONE)
  await page.getByTestId('device-cards').waitFor()
  await page.getByTestId('device-search').fill('')
  await page.getByTestId('device-search-submit').click()
  await page.getByTestId('device-row').first().waitFor()
  await screenshot(page, 'devices-phone')
  await context.close()
})

test('the one map shows the sensors by state and the open alarms, and a device page leads to its place on it', async () => {
  const { device } = await registerDetector('湖墅南路地下管廊可燃气体探测器', 120.167, 30.296)
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-map').click()
  await page.locator('.leaflet-marker-icon').first().waitFor()
  assert.equal(await page.locator('.yj-sensor, .yj-sensor-cluster, .yj-alarm').count(), 0, 'the monitoring layers start hidden')

  const points = await layerAnswer(page, '/api/devices/map', () => page.getByTestId('map-layer-sensors').click())
  assert.ok(points.some((p) => p.id === device.id), 'the new device is on the layer')
  await page.getByTestId('map-sensor-count').filter({ hasText: `显示 ${points.length} 台监测设备` }).waitFor()
  await page.locator('.yj-sensor, .yj-sensor-cluster').first().waitFor()
  const legend = await page.getByTestId('map-sensor-legend').innerText()
  for (const state of ['有未消除报警', '在线', '离线']) {
    assert.ok(legend.includes(state), `the legend explains ${state}`)
  }
  // markers take their device's state: red with open alarms, else green online, grey offline
  const shown = await page.locator('.yj-sensor span[data-state]').evaluateAll((spans) => spans.map((s) => s.dataset.state))
  assert.ok(shown.every((state) => ['ALARM', 'ONLINE', 'OFFLINE'].includes(state)))

  const alarms = await apiAnswer(page, '/api/alarms', () => page.getByTestId('map-layer-alarms').click())
  const open = alarms.content.filter((a) => a.status !== 'CLEARED')
  await page.getByTestId('map-alarm-count').filter({ hasText: `显示 ${open.length} 条未消除报警` }).waitFor()
  if (open.length) {
    await page.locator('.yj-alarm').first().waitFor()
    if (open.some((a) => a.status === 'RAISED')) {
      assert.ok(await page.locator('.yj-alarm .alarm.pulse').count() > 0, 'an unacknowledged alarm pulses')
    }
    // places close together cluster: zoom in until a place's own marker shows, then open its card
    const place = page.locator('.yj-alarm:not(.yj-alarm-cluster)')
    for (let i = 0; i < 8 && (await place.count()) === 0; i++) {
      await page.locator('.yj-alarm-cluster').first().click()
      await page.waitForTimeout(400)
    }
    await place.first().click()
    const card = page.getByTestId('map-alarm-card')
    await card.waitFor()
    assert.ok(await card.getByTestId('map-alarm-link').count() >= 1)
  }
  await screenshot(page, 'map-monitoring-desktop')

  // from the device's page to its place on the map, with its card open
  await page.goto(`${BASE_URL}/devices/${device.id}`)
  await page.getByRole('link', { name: '在一张图中查看' }).click()
  await page.waitForURL(/\/map\?layer=sensors&device=\d+/)
  const card = page.getByTestId('map-sensor-card')
  await card.waitFor()
  const text = await card.innerText()
  assert.ok(text.includes(device.name) && text.includes(device.code))
  assert.match(text, /离线/, 'a device that has never reported is offline')
  await card.getByTestId('map-sensor-link').click()
  await page.waitForURL(`**/devices/${device.id}`)

  await page.setViewportSize(PHONE)
  await page.goto(`${BASE_URL}/map?layer=sensors&layer=alarms`)
  await page.locator('.yj-sensor, .yj-sensor-cluster').first().waitFor()
  // the layer panel is a drawer on a phone, opened by its button
  await page.getByTestId('map-panel-toggle').click()
  assert.ok(await page.getByTestId('map-layer-sensors').isVisible(), 'the sensor layer can be switched on a phone')
  await screenshot(page, 'map-monitoring-phone')
  await context.close()
})
