// Early warnings through real pages: a township drafts a warning with a region and a drawn polygon, is told
// what is wrong next to the fields, submits; the district approves; the public reads it on a phone without
// logging in; nobody approves their own draft; the district lifts it with a reason and the chain links back.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiToken, BASE_URL, launch, loggedIn, PHONE, screenshot } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

/** Beijing wall-clock time `hours` from now with its offset, as the API takes it. */
function beijing(hours) {
  const at = new Date(Date.now() + hours * 3600_000 + 8 * 3600_000)
  return at.toISOString().slice(0, 19) + '+08:00'
}

/** Picks the option of an Element Plus select by its exact label. */
async function choose(page, testId, search, label) {
  await page.getByTestId(testId).click()
  await page.getByTestId(testId).locator('input').fill(search)
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^${label}$`) }).click()
  await page.keyboard.press('Escape')
}

test('a township drafts and submits, the district approves, the public reads it on a phone, the district lifts it', async () => {
  const headline = `米市巷街道暴雨黄色预警 ${Date.now() % 100000}`
  const { context: township, page } = await loggedIn(browser, 'mishixiang')
  await page.getByTestId('menu-warnings').click()
  await page.waitForURL('**/warnings')
  await page.getByTestId('warning-create').click()
  await page.waitForURL('**/warnings/new')
  await page.getByTestId('field-level').getByText('黄色预警（III级）').click()
  await page.locator('#event').fill('暴雨')
  await page.locator('#headline').fill(headline)
  await page.locator('#description').fill('受强对流云团影响，预计未来 6 小时米市巷街道累计降雨量将达 50 毫米以上。')
  await page.locator('#instruction').fill('低洼地带居民注意防范积水，地下车库及时转移车辆。')
  await page.locator('#web').fill('ftp://example.org')

  // no area yet and a web address that is not http(s): the server's reasons appear next to the fields
  await page.getByTestId('warning-save').click()
  await page.getByTestId('areas-error').filter({ hasText: '请至少选择一个预警区域' }).waitFor()
  await page.locator('.el-form-item', { has: page.locator('#web') }).getByText('须为 http 或 https 开头').waitFor()
  assert.match(page.url(), /\/warnings\/new$/, 'nothing is saved while anything is wrong')

  // the township's own region, and a polygon drawn on the map by clicking its corners
  await choose(page, 'area-regions', '米市巷', '米市巷街道')
  await page.getByTestId('area-add-regions').click()
  await page.getByTestId('draw-polygon').click()
  const map = page.getByTestId('warning-map')
  const box = await map.boundingBox()
  for (const [x, y] of [[0.3, 0.3], [0.6, 0.3], [0.5, 0.65]]) {
    await map.click({ position: { x: box.width * x, y: box.height * y } })
  }
  await page.getByTestId('draw-finish').click()
  const areas = page.getByTestId('warning-area')
  assert.equal(await areas.count(), 2)
  const polygon = await page.locator('#areaCap-1').inputValue()
  const points = polygon.split(' ')
  assert.equal(points.length, 4, 'three clicked corners and the closing one')
  assert.equal(points[0], points[3])
  // a drawn area needs a name: the server says so under that area
  await page.locator('#web').fill('')
  await page.getByTestId('warning-save').click()
  await areas.nth(1).getByText('请填写区域名称').waitFor()
  await page.locator('#areaDesc-1').fill('运河沿岸低洼区')
  // the live recipient count follows the areas (debounced): staff (到岗到人) and public (公众)
  await page.getByTestId('audience-staff').waitFor()
  await page.getByTestId('audience-public').waitFor()
  await screenshot(page, 'warning-compose')

  await page.getByTestId('warning-save-submit').click()
  await page.waitForURL(/\/warnings\/\d+$/)
  const id = page.url().match(/\/warnings\/(\d+)$/)[1]
  await page.getByTestId('warning-state').filter({ hasText: '待审批' }).waitFor()
  // a township cannot approve: no such step for the drafter, and the server refuses it too
  assert.equal(await page.getByTestId('warning-action-approve').count(), 0)
  const refused = await fetch(`${BASE_URL}/api/warnings/${id}/approve`, {
    method: 'POST', headers: { Authorization: `Bearer ${await apiToken('mishixiang')}`, 'Content-Type': 'application/json' }, body: '{}',
  })
  assert.equal(refused.status, 403)
  await page.getByTestId('warning-areas').getByText('运河沿岸低洼区').waitFor()
  await township.close()

  // the district bureau approves from its list of warnings awaiting approval
  const { context: district, page: bureau } = await loggedIn(browser, 'gongshu')
  // its workbench lists the warnings awaiting its approval; the to-do opens the list filtered to them
  await bureau.goto(`${BASE_URL}/`)
  await bureau.getByTestId('todo').getByRole('link', { name: '待审批的预警' }).click()
  await bureau.waitForURL(/\/warnings\?state=SUBMITTED/)
  await bureau.getByTestId('warning-link').filter({ hasText: headline }).click()
  await bureau.waitForURL(`**/warnings/${id}`)
  await bureau.getByTestId('warning-action-approve').click()
  await bureau.locator('.el-message-box').getByRole('button', { name: '审批发布' }).click()
  await bureau.getByTestId('warning-state').filter({ hasText: '已发布' }).waitFor()
  const history = await bureau.getByTestId('warning-history').innerText()
  assert.match(history, /起草[\s\S]*提交审批[\s\S]*审批发布/)
  await bureau.getByTestId('warning-cap-view').click()
  const xml = await bureau.getByTestId('warning-cap-xml').innerText()
  assert.match(xml, /<severity>Moderate<\/severity>/)
  assert.match(xml, /<valueName>GB\/T 2260<\/valueName>\s*<value>330105001<\/value>/)
  assert.match(xml, /<polygon>/)
  await bureau.keyboard.press('Escape')
  await screenshot(bureau, 'warning-detail')

  // the public, on a phone and without logging in, reads it with its level colour, areas and instruction
  const citizen = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const phone = await citizen.newPage()
  await phone.goto(`${BASE_URL}/alerts`)
  const card = phone.getByTestId('public-warning').filter({ hasText: headline })
  await card.waitFor()
  assert.equal(await card.getByTestId('warning-level').getAttribute('data-level'), 'YELLOW')
  assert.match(await card.innerText(), /米市巷街道[\s\S]*运河沿岸低洼区[\s\S]*低洼地带居民注意防范积水/)
  assert.equal(await phone.getByTestId('public-feed-link').getAttribute('href'), '/public/cap/feed.atom')
  await screenshot(phone, 'warning-public-phone')
  await card.getByTestId('public-warning-link').click()
  await phone.getByTestId('public-warning-detail').getByRole('heading', { name: headline }).waitFor()
  assert.match(await phone.getByTestId('public-warning-detail').innerText(), /失效时间[\s\S]*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
  const capUrl = await phone.getByTestId('public-cap-link').getAttribute('href')
  const cap = await fetch(capUrl.replace(/^https?:\/\/[^/]+/, BASE_URL))
  assert.equal(cap.status, 200)
  assert.match(cap.headers.get('content-type'), /application\/cap\+xml/)
  const feed = await (await fetch(`${BASE_URL}/public/cap/feed.atom`)).text()
  assert.ok(feed.includes(headline), 'the Atom feed carries the warning')

  // the one map shows the warnings in force as a layer
  await bureau.goto(`${BASE_URL}/map?layer=warnings`)
  await bureau.getByTestId('map-warning-count').waitFor()
  assert.match(await bureau.getByTestId('map-warning-count').innerText(), /显示 [1-9]\d* 条生效中的预警/)
  await bureau.goto(`${BASE_URL}/warnings/${id}`)
  await bureau.getByTestId('warning-state').filter({ hasText: '已发布' }).waitFor()

  // lifting it needs a reason; then the Cancel message is published at once and links back to the warning
  await bureau.getByTestId('warning-action-cancel').click()
  await bureau.getByTestId('warning-reason-submit').click()
  await bureau.getByText('解除预警时请说明原因').waitFor()
  await bureau.locator('#reason').fill('降雨减弱，风险解除')
  await bureau.getByTestId('warning-reason-submit').click()
  await bureau.waitForURL((url) => url.pathname !== `/warnings/${id}` && /\/warnings\/\d+$/.test(url.pathname))
  await bureau.getByTestId('warning-chain-link').filter({ hasText: headline }).click()
  await bureau.waitForURL(`**/warnings/${id}`)
  await bureau.getByTestId('warning-state').filter({ hasText: '已解除' }).waitFor()
  await bureau.getByTestId('warning-chain').getByText('解除').first().waitFor()
  await district.close()

  await phone.goto(`${BASE_URL}/alerts`)
  await phone.getByText('当前生效的公开预警信息').waitFor()
  assert.equal(await phone.getByTestId('public-warning').filter({ hasText: headline }).count(), 0)
  await citizen.close()
})

test('the district cannot approve a warning it drafted itself: no approve button, and the reason is shown', async () => {
  const token = `Bearer ${await apiToken('gongshu')}`
  const drafted = await api(token, 'POST', '/api/warnings', {
    level: 'BLUE', status: 'Exercise', scope: 'Public', category: 'Safety', event: '演练', urgency: 'Future', certainty: 'Possible',
    headline: '拱墅区防汛演练预警', description: '防汛应急演练', expires: beijing(6), areas: [{ kind: 'REGION', regionCode: '330105' }],
  })
  await api(token, 'POST', `/api/warnings/${drafted.id}/submit`, {})
  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.goto(`${BASE_URL}/warnings/${drafted.id}`)
  await page.getByTestId('warning-state').filter({ hasText: '待审批' }).waitFor()
  await page.getByTestId('warning-own-draft').filter({ hasText: '须由他人审批' }).waitFor()
  assert.equal(await page.getByTestId('warning-action-approve').count(), 0)
  const refused = await fetch(`${BASE_URL}/api/warnings/${drafted.id}/approve`, {
    method: 'POST', headers: { Authorization: token, 'Content-Type': 'application/json' }, body: '{}',
  })
  assert.equal(refused.status, 403)
  assert.match((await refused.json()).detail, /不能审批自己起草的预警/)
  await context.close()
})
