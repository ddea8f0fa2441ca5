// The shared list scaffolding as users meet it: a column header sorts on the server, the export asks
// for what the list shows, and the audit log reads as people and actions in Chinese.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, loggedIn, PHONE, screenshot } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

/** Waits for the next list answer whose address carries `sort` and returns the request URL and the body. */
async function sortedAnswer(page, pathname, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === pathname && new URL(r.url()).searchParams.has('sort')),
    action(),
  ])
  return { url: new URL(response.url()), body: await response.json() }
}

describe('lists sort and export', () => {
  test('a click on 统一社会信用代码 sorts 拱墅区 enterprises on the server and the export follows', async () => {
    const { context, page } = await loggedIn(browser, 'gongshu')
    await page.goto(`${BASE_URL}/enterprises`)
    await page.getByTestId('enterprise-table').waitFor()
    const header = page.getByTestId('enterprise-table').locator('th').filter({ hasText: '统一社会信用代码' })
    const ascending = await sortedAnswer(page, '/api/enterprises', () => header.click())
    assert.equal(ascending.url.searchParams.get('sort'), 'creditCode,asc')
    const codes = ascending.body.content.map((e) => e.creditCode)
    assert.deepEqual(codes, [...codes].sort())
    assert.ok(ascending.body.content.every((e) => e.regionCode.startsWith('330105')))
    assert.match(await page.getByTestId('export').getAttribute('href'), /sort=creditCode%2Casc/)
    const descending = await sortedAnswer(page, '/api/enterprises', () => header.click())
    assert.equal(descending.url.searchParams.get('sort'), 'creditCode,desc')
    await context.close()
  })

  test('the device list exports the same filter it shows', async () => {
    const { context, page } = await loggedIn(browser, 'gongshu')
    await page.goto(`${BASE_URL}/devices`)
    await page.getByTestId('device-table').waitFor()
    await page.getByTestId('device-search').fill('YJ')
    await page.getByTestId('device-search-submit').click()
    await page.waitForFunction(() => document.querySelector('[data-testid=export]')?.getAttribute('href')?.includes('q=YJ'))
    const href = await page.getByTestId('export').getAttribute('href')
    const download = await page.request.get(`${BASE_URL}${href}`)
    assert.equal(download.status(), 200)
    assert.match(download.headers()['content-type'], /spreadsheetml/)
    await context.close()
  })
})

describe('审计员 (shenji)', () => {
  test('reads who did what in Chinese and finds a person by name', async () => {
    // 王丽华 (gongshu) signs in, so the trail has something of hers whatever ran before
    await (await loggedIn(browser, 'gongshu')).context.close()
    const { context, page } = await loggedIn(browser, 'shenji')
    await page.goto(`${BASE_URL}/audit`)
    const table = page.getByTestId('audit-table')
    await table.waitFor()
    await table.getByTestId('audit-action-name').first().waitFor()
    const actions = await table.getByTestId('audit-action-name').allInnerTexts()
    assert.ok(actions.every((a) => !/^[a-z-]+(\.[a-z-]+)*$/.test(a)), `an action code is shown: ${actions.join(', ')}`)
    await page.getByTestId('audit-actor').fill('王丽华')
    await page.getByTestId('audit-search').click()
    await page.waitForFunction(() => {
      const names = [...document.querySelectorAll('[data-testid=audit-actor-name]')].map((e) => e.textContent ?? '')
      return names.length > 0 && names.every((n) => n.includes('王丽华'))
    })
    await screenshot(page, 'audit-desktop')
    assert.match(await page.getByTestId('export').getAttribute('href'), /actor=%E7%8E%8B/)
    await context.close()
  })

  test('on a phone the audit log is a list of cards', async () => {
    const { context, page } = await loggedIn(browser, 'shenji', PHONE)
    await page.goto(`${BASE_URL}/audit`)
    await page.getByTestId('audit-cards').getByTestId('audit-row').first().waitFor()
    assert.equal(await page.getByTestId('audit-table').count(), 0)
    await screenshot(page, 'audit-phone')
    await context.close()
  })
})

describe('杭州市应急管理局 (hangzhou) on a phone', () => {
  test('sees the warning list as cards, not a cut-off table', async () => {
    const { context, page } = await loggedIn(browser, 'hangzhou', PHONE)
    await page.goto(`${BASE_URL}/warnings`)
    await page.getByTestId('warning-cards').waitFor()
    assert.equal(await page.getByTestId('warning-table').count(), 0)
    await page.getByTestId('warning-cards').getByTestId('warning-row').first().waitFor()
    await screenshot(page, 'warnings-phone')
    await context.close()
  })
})
