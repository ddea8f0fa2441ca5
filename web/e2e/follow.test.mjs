// Follow-up actions through real pages: a township reminds the enterprises of its streets that have not
// made today's commitment (提醒未承诺企业) and reads what happened; a second click within half an hour
// reminds nobody again and says so. The list sorts on the server and exports what it shows.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiAnswer, apiToken, BASE_URL, launch, loggedIn, screenshot } from './support.mjs'

let browser

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** A fresh, valid unified social credit code registered in 拱墅区 (GB 32100 check character). */
function creditCode() {
  const serial = String(Date.now() % 10_000_000).padStart(7, '0')
  const first17 = `91330105E2${serial}`
  const sum = [...first17].reduce((total, c, i) => total + ALPHABET.indexOf(c) * WEIGHTS[i], 0)
  return first17 + ALPHABET[(31 - (sum % 31)) % 31]
}

/** A new enterprise in 米市巷街道 with a 较大 risk point: it must commit today and has not. */
async function uncommittedEnterprise() {
  const district = `Bearer ${await apiToken('gongshu')}`
  const name = `杭州提醒测试化工有限公司${Date.now() % 100000}`
  const enterprise = await api(district, 'POST', '/api/enterprises', {
    creditCode: creditCode(), name, industry: 'MANUFACTURING', aboveScale: true, address: '杭州市拱墅区测试路 8 号',
    longitude: 120.161, latitude: 30.289, regionCode: '330105001', legalRepresentative: '王强', legalRepresentativePhone: '13906811111', safetyManager: '李娜',
    safetyManagerPhone: '13906812222', employees: 30,
  })
  await api(district, 'POST', `/api/enterprises/${enterprise.id}/risk-points`, {
    name: '反应釜', category: 'EQUIPMENT', method: 'LEC', l: 3, e: 6, c: 15, controlMeasures: '联锁与报警',
    responsiblePerson: '李娜', responsiblePhone: '13906812222',
  })
  return name
}

/** Clicks 提醒未承诺企业 and answers what the server said. */
async function reminded(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/commitments/reminders' && r.request().method() === 'POST'),
    page.getByTestId('commitment-remind').click(),
  ])
  assert.equal(response.status(), 200)
  return response.json()
}

test('a township reminds the enterprises that have not committed, once within half an hour', async () => {
  const name = await uncommittedEnterprise()
  const { context, page } = await loggedIn(browser, 'mishixiang')
  await page.goto(`${BASE_URL}/risk/commitments`)
  await page.getByTestId('commitment-enterprise').filter({ hasText: name }).waitFor()

  // the list sorts on the server, and the export asks for the same order
  const byName = await apiAnswer(page, '/api/commitments', () =>
    page.getByTestId('commitment-list').locator('th').filter({ hasText: '企业' }).first().click())
  assert.ok(byName.missing.length > 0)
  await page.waitForFunction(() => /sort=name%2Casc/.test(document.querySelector('[data-testid=export]')?.getAttribute('href') ?? ''))

  const first = await reminded(page)
  assert.ok(first.reminded >= 1, 'the new enterprise at least is reminded')
  await page.getByTestId('commitment-reminded').filter({ hasText: `已提醒 ${first.reminded} 家未承诺企业` }).waitFor()
  await screenshot(page, 'commitment-reminded')

  const second = await reminded(page)
  assert.equal(second.reminded, 0)
  await page.getByTestId('commitment-reminded').filter({ hasText: '30 分钟内已提醒过，本次未重复提醒' }).waitFor()
  await context.close()
})

test('an enterprise account has no reminder button', async () => {
  const { context, page } = await loggedIn(browser, 'qiye')
  await page.goto(`${BASE_URL}/risk/commitments`)
  await page.getByTestId('commitment-list').waitFor()
  assert.equal(await page.getByTestId('commitment-remind').count(), 0)
  await context.close()
})
