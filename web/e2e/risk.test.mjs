// The risk register as an enterprise keeps it: identify a risk point, grade it with LEC, see it on
// the enterprise and in the township's register.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAnswer, BASE_URL, launch, loggedIn, screenshot } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

/** Picks an option of an Element Plus select and waits until its dropdown has closed again. */
async function choose(page, testId, value) {
  await page.getByTestId(testId).click()
  await page.locator('.el-popper:visible .el-select-dropdown__item').filter({ hasText: new RegExp(`^${value}$`) }).last().click()
  await page.waitForFunction(() => [...document.querySelectorAll('.el-select__popper')].every((p) => getComputedStyle(p).display === 'none'))
}

test('qiye identifies a risk point, sees the live LEC grade, and the register shows it', async () => {
  const { context, page } = await loggedIn(browser, 'qiye')
  const me = await (await page.request.get(`${BASE_URL}/api/me`)).json()
  await page.goto(`${BASE_URL}/enterprises/${me.enterpriseId}`)
  await page.getByTestId('risk-points').waitFor()
  await page.getByTestId('risk-add').click()
  await page.getByTestId('risk-name').locator('input').or(page.locator('input[data-testid=risk-name]')).first().fill('甲苯中间罐区')
  await choose(page, 'risk-l', '6')
  await choose(page, 'risk-e', '6')
  await choose(page, 'risk-c', '15')
  await page.getByTestId('risk-preview').filter({ hasText: '540' }).waitFor()
  assert.match(await page.getByTestId('risk-preview').innerText(), /重大风险/)
  await page.locator('#riskMeasures').fill('设置可燃气体报警与紧急切断；每班巡检')
  await page.locator('#riskPerson').fill('钱明')
  await page.locator('#riskPhone').fill('13906810002')
  await screenshot(page, 'risk-dialog-desktop')
  await page.getByTestId('risk-save').click()
  await page.getByTestId('risk-points').getByText('甲苯中间罐区').waitFor()
  await page.getByTestId('safety-code').waitFor()
  assert.match(await page.getByTestId('enterprise-risk').innerText(), /重大风险/)

  // a self-inspection with the chemical checklist: one failed item becomes a hazard
  await page.getByTestId('inspect').click()
  const items = page.getByTestId('checklist').locator('li')
  await items.first().waitFor()
  const count = await items.count()
  for (let i = 0; i < count; i++) {
    await items.nth(i).getByText(i === 0 ? '不符合' : '符合', { exact: true }).click()
  }
  await page.getByTestId('inspection-submit').click()
  await page.getByText('发现 1 项隐患已自动上报').waitFor()

  // with a 重大 risk point the enterprise owes its daily commitment, made from the workbench
  await page.getByTestId('menu-workbench').click()
  await page.getByTestId('commit').click()
  await page.getByTestId('commitment').getByText('今日已承诺').waitFor()

  const register = await apiAnswer(page, '/api/risk-points', () => page.getByTestId('menu-risk').click())
  assert.ok(register.content.every((p) => p.enterpriseId === me.enterpriseId))
  assert.equal(register.content[0].level, 'RED')
  await context.close()
})

test('a wrong value is explained next to the field in Chinese', async () => {
  const { context, page } = await loggedIn(browser, 'gongshu')
  const list = await apiAnswer(page, '/api/enterprises', () => page.getByTestId('menu-enterprises').click())
  await page.goto(`${BASE_URL}/enterprises/${list.content[0].id}`)
  await page.getByTestId('risk-add').click()
  await choose(page, 'risk-l', '1')
  await choose(page, 'risk-e', '1')
  await choose(page, 'risk-c', '1')
  await page.locator('#riskPhone').fill('12345')
  await page.getByTestId('risk-save').click()
  await page.locator('.el-form-item__error').filter({ hasText: '请填写风险点名称' }).waitFor()
  await page.locator('.el-form-item__error').filter({ hasText: '电话号码“12345”无效' }).waitFor()
  await context.close()
})
