// The platform as its users see it: the one map, the enterprise list, detail and form, scope, and
// the language switch — real pages over real HTTP against the running server.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAnswer, BASE_URL, DESKTOP, launch, loggedIn, PHONE, screenshot, layerAnswer } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

describe('拱墅区应急管理局 (gongshu)', () => {
  test('sees its region in the header and only 拱墅区 enterprises on the map', async () => {
    const { context, page } = await loggedIn(browser, 'gongshu')
    assert.match(await page.getByTestId('user-region').innerText(), /拱墅区$/)
    await page.getByTestId('todo').getByText('待核实的隐患').waitFor()
    const points = await layerAnswer(page, '/api/enterprises/map', () => page.getByTestId('menu-map').click())
    assert.ok(points.length > 50, `expected many enterprises on the map, got ${points.length}`)
    assert.ok(points.every((p) => p.regionCode.startsWith('330105')), 'a point outside 拱墅区 reached the map')
    await page.getByTestId('map-count').filter({ hasText: String(points.length) }).waitFor()
    await page.locator('.leaflet-marker-icon').first().waitFor()
    await page.waitForTimeout(500)
    await screenshot(page, 'map-desktop')
    await context.close()
  })

  test('lists only 拱墅区 enterprises, opens one, sees the Chinese error for a bad credit code, then saves', async () => {
    const { context, page } = await loggedIn(browser, 'gongshu')
    const first = await apiAnswer(page, '/api/enterprises', () => page.getByTestId('menu-enterprises').click())
    assert.ok(first.totalElements > 50)
    assert.ok(first.content.every((e) => e.regionCode.startsWith('330105')))
    await page.locator('.el-pagination__total').filter({ hasText: String(first.totalElements) }).waitFor()

    // every page the user can reach stays inside 拱墅区
    const second = await apiAnswer(page, '/api/enterprises', () => page.locator('.el-pager li').nth(1).click())
    assert.ok(second.content.every((e) => e.regionCode.startsWith('330105')))
    await screenshot(page, 'list-desktop')

    await page.getByTestId('enterprise-link').first().click()
    await page.getByTestId('enterprise-detail').waitFor()
    const name = await page.getByTestId('enterprise-name').innerText()
    assert.equal(name, second.content[0].name)

    await page.getByTestId('enterprise-edit').click()
    const code = page.locator('input[data-testid=field-creditCode], [data-testid=field-creditCode] input').first()
    await code.waitFor()
    const original = await code.inputValue()
    const broken = original.slice(0, 17) + (original[17] === '0' ? '1' : '0')
    await code.fill(broken)
    await page.getByTestId('enterprise-save').click()
    const error = page.locator('.el-form-item__error').filter({ hasText: '统一社会信用代码' })
    await error.waitFor()
    assert.match(await error.innerText(), new RegExp(`统一社会信用代码“${broken}”无效`))
    await screenshot(page, 'form-desktop')

    await code.fill(original)
    // the server's message goes away once the field is changed, before saving again
    await error.waitFor({ state: 'hidden' })
    const renamed = `${name.replace(/（已核实）$/, '')}（已核实）`
    await page.locator('input[data-testid=field-name], [data-testid=field-name] input').first().fill(renamed)
    await page.getByTestId('enterprise-save').click()
    await page.getByTestId('enterprise-detail').waitFor()
    assert.equal(await page.getByTestId('enterprise-name').innerText(), renamed)
    await context.close()
  })

  test('cannot open a 西湖区 enterprise even by typing its address', async () => {
    const xihu = await loggedIn(browser, 'xihu')
    const theirs = await apiAnswer(xihu.page, '/api/enterprises', () => xihu.page.getByTestId('menu-enterprises').click())
    await xihu.context.close()
    const { context, page } = await loggedIn(browser, 'gongshu')
    await page.goto(`${BASE_URL}/enterprises/${theirs.content[0].id}`)
    await page.getByText('未找到').first().waitFor()
    assert.equal(await page.getByTestId('enterprise-detail').count(), 0)
    await context.close()
  })

  test('works on a phone: menu drawer, enterprise cards, map and form', async () => {
    const { context, page } = await loggedIn(browser, 'gongshu', PHONE)
    await page.getByRole('button', { name: '展开或收起菜单' }).click()
    await page.getByTestId('menu-enterprises').click()
    await page.getByTestId('enterprise-row').first().waitFor()
    await page.locator('.el-drawer').waitFor({ state: 'hidden' })
    await screenshot(page, 'list-phone')
    await page.getByTestId('enterprise-row').first().click()
    await page.getByTestId('enterprise-edit').click()
    await page.getByTestId('enterprise-form').waitFor()
    await screenshot(page, 'form-phone')
    await page.goto(`${BASE_URL}/map`)
    await page.locator('.leaflet-marker-icon').first().waitFor()
    await page.waitForTimeout(500)
    await screenshot(page, 'map-phone')
    await context.close()
  })
})

describe('企业安全管理人员 (qiye)', () => {
  test('sees only its own enterprise, in the list and on the map', async () => {
    const { context, page } = await loggedIn(browser, 'qiye')
    const list = await apiAnswer(page, '/api/enterprises', () => page.getByTestId('menu-enterprises').click())
    assert.equal(list.totalElements, 1)
    await page.getByTestId('enterprise-link').first().waitFor()
    assert.equal(await page.getByTestId('enterprise-link').count(), 1)
    assert.equal(await page.getByTestId('enterprise-link').innerText(), '杭州运河精细化工有限公司')
    const points = await layerAnswer(page, '/api/enterprises/map', () => page.getByTestId('menu-map').click())
    assert.equal(points.length, 1)
    await context.close()
  })
})

describe('language', () => {
  test('switches the whole interface to English and back', async () => {
    const { context, page } = await loggedIn(browser, 'hangzhou', DESKTOP)
    await page.getByTestId('language-switch').click()
    await page.getByTestId('menu-enterprises').filter({ hasText: 'Enterprises' }).waitFor()
    await page.getByTestId('menu-enterprises').click()
    await page.getByRole('heading', { name: 'Enterprise registry' }).waitFor()
    await page.getByTestId('language-switch').click()
    await page.getByRole('heading', { name: '企业名录' }).waitFor()
    await context.close()
  })

  test('shows a friendly message when the session has ended', async () => {
    const { context, page } = await loggedIn(browser, 'gongshu', DESKTOP)
    // let the workbench finish its own requests first, so the click below is what meets the ended session
    await page.getByTestId('stat-enterprises').filter({ hasText: /[1-9]/ }).waitFor()
    await page.getByTestId('todo').getByText('待核实的隐患').waitFor()
    await page.waitForLoadState('networkidle')
    await context.clearCookies()
    await page.getByTestId('menu-enterprises').click()
    await page.getByText('登录已过期，请重新登录').waitFor()
    await context.close()
  })
})
