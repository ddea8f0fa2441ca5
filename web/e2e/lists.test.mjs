// The shared list scaffolding as users meet it: a column header sorts on the server, the export asks
// for what the list shows, and the audit log reads as people and actions in Chinese.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiToken, BASE_URL, launch, loggedIn, PHONE, screenshot } from './support.mjs'

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

describe('hazards and the enterprise page', () => {
  test('a click on 上报时间 sorts the hazard queue on the server, either way, and the export follows', async () => {
    // two hazards of this test's own, so the queue has at least two to order
    const qiye = `Bearer ${await apiToken('qiye')}`
    const me = await api(qiye, 'GET', '/api/me')
    for (const title of ['排序浏览器测试 早报隐患', '排序浏览器测试 晚报隐患']) {
      await api(qiye, 'POST', '/api/hazards', { title, description: `${title}：消防通道堆放杂物`, enterpriseId: me.enterpriseId, source: 'SELF_INSPECTION' })
    }
    const { context, page } = await loggedIn(browser, 'gongshu')
    await page.goto(`${BASE_URL}/hazards`)
    const table = page.getByTestId('hazard-table')
    await table.getByTestId('hazard-link').first().waitFor()
    // on the header's text, left of the sort carets (a click on a caret picks that direction)
    const header = table.locator('th').filter({ hasText: '上报时间' })
    const click = () => header.click({ position: { x: 16, y: 12 } })
    const ascending = await sortedAnswer(page, '/api/hazards', click)
    assert.equal(ascending.url.searchParams.get('sort'), 'reportedAt,asc')
    const times = ascending.body.content.map((h) => Date.parse(h.reportedAt))
    assert.ok(times.length >= 2)
    assert.deepEqual(times, [...times].sort((a, b) => a - b))
    await page.waitForFunction((title) => document.querySelector('[data-testid=hazard-table] [data-testid=hazard-link]')?.textContent === title,
      ascending.body.content[0].title)
    assert.match(await page.getByTestId('export').getAttribute('href'), /sort=reportedAt%2Casc/)

    const descending = await sortedAnswer(page, '/api/hazards', click)
    assert.equal(descending.url.searchParams.get('sort'), 'reportedAt,desc')
    assert.notEqual(descending.body.content[0].id, ascending.body.content[0].id, 'the order did not change')
    await page.waitForFunction((title) => document.querySelector('[data-testid=hazard-table] [data-testid=hazard-link]')?.textContent === title,
      descending.body.content[0].title)
    const download = await page.request.get(`${BASE_URL}${await page.getByTestId('export').getAttribute('href')}`)
    assert.equal(download.status(), 200)
    assert.match(download.headers()['content-type'], /spreadsheetml/)
    await context.close()
  })

  test('the enterprise account sees its hazards, devices, alarms and risk points in tabs on its own page', async () => {
    const qiye = `Bearer ${await apiToken('qiye')}`
    const me = await api(qiye, 'GET', '/api/me')
    await api(qiye, 'POST', '/api/hazards', { title: '关联情况浏览器测试隐患', description: '应急照明损坏', enterpriseId: me.enterpriseId, source: 'SELF_INSPECTION' })
    const devices = await api(qiye, 'GET', `/api/devices?enterpriseId=${me.enterpriseId}&size=1`)
    const { context, page } = await loggedIn(browser, 'qiye')
    await page.goto(`${BASE_URL}/enterprises/${me.enterpriseId}`)
    const relations = page.getByTestId('enterprise-relations')
    await relations.waitFor()
    await page.waitForFunction(() => /隐患 \(\d+\)/.test(document.querySelector('[data-testid=relation-tab-hazards]')?.textContent ?? ''))
    const hazardCount = Number((await page.getByTestId('relation-tab-hazards').innerText()).match(/\((\d+)\)/)[1])
    assert.ok(hazardCount >= 1)
    await relations.getByTestId('relation-hazard-link').filter({ hasText: /./ }).first().waitFor()

    await page.waitForFunction(() => /监测设备 \(\d+\)/.test(document.querySelector('[data-testid=relation-tab-devices]')?.textContent ?? ''))
    assert.equal(await page.getByTestId('relation-tab-devices').innerText(), `监测设备 (${devices.totalElements})`)
    await page.getByTestId('relation-tab-devices').click()
    if (devices.totalElements > 0) {
      const link = relations.getByTestId('relation-device-link').first()
      await link.waitFor()
      assert.match(await link.getAttribute('href'), /^\/devices\/\d+$/)
    } else {
      await relations.getByText('暂无监测设备').waitFor()
    }
    await page.getByTestId('relation-tab-alarms').click()
    await page.waitForFunction(() => /报警 \(\d+\)/.test(document.querySelector('[data-testid=relation-tab-alarms]')?.textContent ?? ''))
    await screenshot(page, 'enterprise-relations')

    await page.getByTestId('relation-tab-hazards').click()
    await relations.getByTestId('relation-hazard-link').first().click()
    await page.waitForURL(/\/hazards\/\d+$/)
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
