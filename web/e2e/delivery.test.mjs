// Delivery of a published warning through real pages: the district sees whom it reached (recorded at
// publish), opens the live dashboard with the staff and public campaigns and their tasks; a recipient's
// broken acknowledgement link on a phone gets the server's reason; a citizen subscribes to warning texts.
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

function beijing(hours) {
  const at = new Date(Date.now() + hours * 3600_000 + 8 * 3600_000)
  return at.toISOString().slice(0, 19) + '+08:00'
}

test('a published warning shows its recorded recipients and a live delivery dashboard', async () => {
  const headline = `米市巷街道大风蓝色预警 ${Date.now() % 100000}`
  const township = `Bearer ${await apiToken('mishixiang')}`
  const drafted = await api(township, 'POST', '/api/warnings', {
    level: 'BLUE', status: 'Actual', scope: 'Public', category: 'Met', event: '大风', urgency: 'Expected', certainty: 'Likely',
    headline, description: '预计今天傍晚米市巷街道有 7 级阵风。', expires: beijing(4), areas: [{ kind: 'REGION', regionCode: '330105001' }],
  })
  // the live count of the compose page, asked over the API the page uses
  const preview = await api(township, 'POST', '/api/warnings/audience', { areas: [{ kind: 'REGION', regionCode: '330105001' }], status: 'Actual', scope: 'Public' })
  assert.equal(preview.recorded, false)
  assert.ok(preview.staff > 0, 'the township has staff to reach')
  await api(township, 'POST', `/api/warnings/${drafted.id}/submit`, {})
  await api(`Bearer ${await apiToken('gongshu')}`, 'POST', `/api/warnings/${drafted.id}/approve`, {})

  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.goto(`${BASE_URL}/warnings/${drafted.id}`)
  await page.getByTestId('warning-state').filter({ hasText: '已发布' }).waitFor()
  await page.getByTestId('audience-recorded').filter({ hasText: '发布时确定' }).waitFor()
  const staff = Number((await page.getByTestId('audience-staff').locator('strong').innerText()).replace(/,/g, ''))
  assert.equal(staff, preview.staff, 'the recorded count is the one previewed')
  await page.getByTestId('warning-delivery-link').click()
  await page.waitForURL(`**/warnings/${drafted.id}/delivery`)
  const campaign = page.getByTestId('campaign-staff')
  await campaign.getByTestId('figure-targeted').waitFor()
  const targeted = Number((await campaign.getByTestId('figure-targeted').locator('strong').innerText()).replace(/,/g, ''))
  assert.equal(targeted, staff, 'everyone counted is a target of the staff campaign')
  await campaign.getByTestId('campaign-rate').filter({ hasText: '到岗到人率' }).waitFor()
  await campaign.getByTestId('campaign-tasks').locator('tbody tr').first().waitFor()
  // the page asks again by itself
  await page.waitForResponse((r) => r.url().includes(`/campaigns/warning:${drafted.id}:staff/coverage`), { timeout: 15_000 })
  await screenshot(page, 'warning-delivery')
  await page.getByTestId('delivery-tabs').getByText('公众', { exact: true }).click()
  await page.getByTestId('campaign-public').waitFor()
  await context.close()

  // the township's own account was one of the staff it reached: it confirms receipt (叫应) in the app
  const { context: own, page: station } = await loggedIn(browser, 'mishixiang')
  await station.goto(`${BASE_URL}/warnings/${drafted.id}`)
  await station.getByTestId('my-ack-confirm').click()
  await station.getByTestId('my-ack-done').filter({ hasText: '确认收到' }).waitFor()
  const mine = await api(township, 'GET', `/api/notifications/campaigns/warning:${drafted.id}:staff/ack`)
  assert.equal(mine.acknowledged, true)
  await own.close()
})

test('a broken acknowledgement link gets the server reason on a phone; a citizen subscribes to warning texts', async () => {
  const citizen = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const phone = await citizen.newPage()
  await phone.goto(`${BASE_URL}/ack/1-1-AAAAAAAAAAAAAAAAAAAAAA`)
  const invalid = phone.getByTestId('ack-invalid')
  await invalid.waitFor()
  assert.match(await invalid.innerText(), /链接无效或已过期[\s\S]*请核对短信、邮件中的链接是否完整/)
  await screenshot(phone, 'warning-ack-invalid-phone')

  await phone.goto(`${BASE_URL}/alerts`)
  await phone.getByTestId('public-subscribe-link').click()
  await phone.waitForURL('**/subscribe')
  const mobile = `139${String(Date.now() % 100000000).padStart(8, '0')}`
  await phone.getByTestId('subscribe-mobile').fill(mobile)
  // the township chosen by name, level by level (the province is the only top region and chosen already)
  await phone.getByTestId('region-level-1').selectOption({ label: '杭州市' })
  await phone.getByTestId('region-level-2').selectOption({ label: '拱墅区' })
  await phone.getByTestId('region-level-3').selectOption({ label: '米市巷街道' })
  await phone.getByTestId('subscribe-submit').click()
  await phone.getByTestId('subscribe-done').filter({ hasText: '米市巷街道' }).waitFor()
  await screenshot(phone, 'warning-subscribe-phone')
  await citizen.close()
})
