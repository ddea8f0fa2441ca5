// Emergency supplies through real pages: the district opens its warehouse, receives a batch and sees the
// stock rise and the receipt in the ledger, is told in Chinese that it cannot issue more than it holds,
// and on a phone the warehouse list is cards. Every run registers its own warehouse.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiToken, BASE_URL, launch, loggedIn, PHONE, screenshot } from './support.mjs'

let browser
let warehouse
let torch

/** A name no earlier run has taken, so the list's search finds exactly this run's warehouse. */
const unique = (prefix) => `${prefix}${Date.now().toString(36).toUpperCase()}`

/** Picks an option of an Element Plus select and waits until its dropdown has closed again. */
async function choose(page, testId, label) {
  await page.getByTestId(testId).click()
  await page.locator('.el-popper:visible .el-select-dropdown__item').filter({ hasText: label }).first().click()
  await page.waitForFunction(() => [...document.querySelectorAll('.el-select__popper')].every((p) => getComputedStyle(p).display === 'none'))
}

/** Waits until no Element Plus dialog overlay is left on the page. */
async function overlaysGone(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none'))
}

before(async () => {
  browser = await launch()
  // 拱墅区's own county reserve with 20 torches in stock, registered and received over the API as gongshu
  const bearer = `Bearer ${await apiToken('gongshu')}`
  torch = (await api(bearer, 'GET', '/api/resources/supply-types')).find((s) => s.name === '强光手电')
  assert.ok(torch, 'the catalogue has 强光手电')
  warehouse = await api(bearer, 'POST', '/api/resources/warehouses', {
    name: unique('拱墅区测试储备库'), level: 'COUNTY', regionCode: '330105', ownership: 'GOVERNMENT',
    address: '杭州市拱墅区测试路 1 号', keeper: '周保管', keeperPhone: '0571-88000001',
  })
  await api(bearer, 'POST', `/api/resources/warehouses/${warehouse.id}/receipts`, {
    supplyTypeId: torch.id, batchNo: 'E2E-T-1', quantity: 20, source: 'PURCHASE',
  })
})

after(async () => {
  await browser?.close()
})

test('the district receives a batch at its warehouse, sees the stock rise and the receipt listed, and cannot issue more than it holds', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  const entry = page.getByTestId('menu-warehouses')
  assert.equal((await entry.innerText()).trim(), '应急物资')
  await entry.click()
  await page.waitForURL('**/resources/warehouses')
  await page.getByTestId('warehouse-search').fill(warehouse.name)
  await page.getByTestId('warehouse-search-submit').click()
  const row = page.getByTestId('warehouse-table').locator('tr').filter({ hasText: warehouse.name })
  await row.waitFor()
  assert.match(await row.innerText(), /县级/)
  assert.match(await row.innerText(), /政府储备/)
  assert.match(await row.innerText(), /周保管/)
  await row.getByTestId('warehouse-link').click()
  await page.waitForURL(`**/resources/warehouses/${warehouse.id}`)

  const totals = page.getByTestId('stock-totals').locator('tr').filter({ hasText: '强光手电' })
  await totals.getByTestId('total-usable').filter({ hasText: '20 支' }).waitFor()

  // 入库: a donated batch of 35
  await page.getByTestId('stock-action-receipt').click()
  const form = page.getByTestId('stock-form-receipt')
  await form.waitFor()
  await choose(page, 'stock-supply', '强光手电')
  await form.getByLabel('批次号').fill('E2E-T-2')
  await choose(page, 'stock-source', '捐赠')
  await form.getByLabel(/数量/).fill('35')
  await page.getByTestId('stock-submit').click()
  await overlaysGone(page)

  await totals.getByTestId('total-usable').filter({ hasText: '55 支' }).waitFor()
  const batch = page.getByTestId('stock-batches').locator('tr').filter({ hasText: 'E2E-T-2' })
  assert.match(await batch.getByTestId('batch-quantity').innerText(), /35 支/)
  assert.equal(await batch.getByTestId('batch-state').innerText(), '正常')
  const receipt = page.getByTestId('movements').locator('tr').filter({ hasText: 'E2E-T-2' })
  await receipt.waitFor()
  assert.equal(await receipt.getByTestId('movement-kind').innerText(), '入库')
  assert.equal(await receipt.getByTestId('movement-quantity').innerText(), '+35')
  assert.equal(await receipt.getByTestId('movement-balance').innerText(), '35')
  assert.match(await receipt.innerText(), /捐赠/)
  await screenshot(page, 'resource-warehouse-received')

  // 出库 of 80 torches where 55 are left: the server's Chinese 库存不足 as a toast, nothing booked
  await page.getByTestId('stock-action-issue').click()
  const issue = page.getByTestId('stock-form-issue')
  await issue.waitFor()
  await choose(page, 'stock-supply', '强光手电')
  await issue.getByLabel(/数量/).fill('80')
  await issue.getByLabel('出库去向（事件或地点）').fill('拱墅区防汛演练')
  await page.getByTestId('stock-submit').click()
  const toast = page.locator('.el-message--error').filter({ hasText: '库存不足' })
  await toast.waitFor()
  assert.match(await toast.innerText(), /强光手电可用库存不足：可用 55 支，需要 80 支/)
  await screenshot(page, 'resource-issue-short')
  assert.ok(await issue.isVisible(), 'the dialog stays open to correct the quantity')
  await page.getByRole('button', { name: '取消' }).click()
  await overlaysGone(page)
  assert.equal(await page.getByTestId('movements').getByTestId('movement-kind').filter({ hasText: '出库' }).count(), 0)
  await context.close()
})

test('on a phone the warehouse list shows cards', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu', PHONE)
  await page.goto(`${BASE_URL}/resources/warehouses`)
  await page.getByTestId('warehouse-search').fill(warehouse.name)
  await page.getByTestId('warehouse-search-submit').click()
  const card = page.getByTestId('warehouse-cards').getByTestId('warehouse-row').filter({ hasText: warehouse.name })
  await card.waitFor()
  assert.match(await card.innerText(), /县级/)
  assert.equal(await page.getByTestId('warehouse-table').count(), 0)
  await screenshot(page, 'resource-warehouses-phone')
  await card.getByTestId('warehouse-link').click()
  await page.waitForURL(`**/resources/warehouses/${warehouse.id}`)
  await page.getByTestId('stock-batches').getByTestId('batch-no').filter({ hasText: 'E2E-T-1' }).waitFor()
  await context.close()
})
