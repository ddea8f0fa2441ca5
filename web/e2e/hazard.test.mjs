// The hazard loop from the public's report to the township's verification, through real pages.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, loggedIn, PHONE, screenshot } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

test('a citizen reports anonymously, the district verifies and assigns, the citizen follows it by code', async () => {
  const citizen = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const phone = await citizen.newPage()
  await phone.goto(`${BASE_URL}/report`)
  await phone.locator('#title').fill('仓库通道堆放易燃纸箱')
  await phone.locator('#description').fill('某商贸公司仓库安全通道长期堆放纸箱，堵塞疏散通道')
  await phone.locator('#regionCode').fill('330105001')
  await screenshot(phone, 'public-report-phone')
  await phone.getByTestId('public-submit').click()
  const result = await phone.getByTestId('public-code').innerText()
  const code = result.match(/YH[0-9A-Z]{10}/)[0]

  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-hazards').click()
  await page.getByTestId('hazard-link').filter({ hasText: '仓库通道堆放易燃纸箱' }).first().click()
  await page.getByTestId('hazard-action-verify').click()
  const deadline = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10)
  await page.locator('#unit').fill('米市巷街道某商贸有限公司')
  await page.locator('#deadline').fill(deadline)
  await page.locator('#deadline').press('Enter')
  await page.getByTestId('hazard-comment').locator('textarea').or(page.locator('textarea[data-testid=hazard-comment]')).first().fill('现场核实属实')
  await page.getByTestId('hazard-act-submit').click()
  await page.getByTestId('hazard-status').filter({ hasText: '已核实' }).waitFor()
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
  await page.getByTestId('hazard-attach').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: png })
  await page.getByTestId('hazard-attachments').getByText('现场照片.png').waitFor()
  await page.getByTestId('hazard-action-assign').click()
  await page.getByTestId('hazard-act-submit').click()
  await page.getByTestId('hazard-status').filter({ hasText: '已交办' }).waitFor()
  await page.waitForFunction(() => [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none'))
  await screenshot(page, 'hazard-detail-desktop')

  // accepting now is not offered: the page shows only the steps the state machine allows
  assert.equal(await page.getByTestId('hazard-action-accept').count(), 0)
  await context.close()

  await phone.goto(`${BASE_URL}/track/${code}`)
  await phone.getByTestId('track-status').filter({ hasText: '已交办' }).waitFor()
  assert.equal(await phone.getByText('米市巷街道某商贸有限公司').count(), 0, 'the public page shows no internal details')
  await citizen.close()
})
