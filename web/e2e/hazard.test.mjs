// The hazard loop through real pages: from the public's report to the district's verification, and
// from an enterprise's own report through remediation, a failed acceptance, and closure.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { apiAnswer, BASE_URL, launch, loggedIn, photo, PHONE, screenshot } from './support.mjs'

let browser

/** A one-pixel PNG: the server recognises photos by their bytes. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

/** Waits until the hazard page shows this status. */
async function status(page, text) {
  await page.getByTestId('hazard-status').filter({ hasText: text }).waitFor()
}

/** Takes a step from the hazard page: opens its dialog, fills what `fill` fills and the comment, saves. */
async function act(page, action, comment, fill = async () => {}) {
  await page.getByTestId(`hazard-action-${action}`).click()
  await fill()
  await page.locator('#comment').fill(comment)
  await page.getByTestId('hazard-act-submit').click()
  await page.waitForFunction(() => [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none'))
}

before(async () => {
  browser = await launch()
})

after(async () => {
  await browser?.close()
})

test('a citizen lets the report form find their region from where they stand ("使用我的位置") and the report carries the spot', async () => {
  // the phone stands in 大塘巷社区, 米市巷街道, 拱墅区
  const citizen = await browser.newContext({
    viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN',
    permissions: ['geolocation'], geolocation: { longitude: 120.1575, latitude: 30.2912 },
  })
  const phone = await citizen.newPage()
  await phone.goto(`${BASE_URL}/report`)
  await phone.getByTestId('region-level-1').waitFor()
  await phone.getByTestId('region-locate').click()
  await phone.getByTestId('region-located').filter({ hasText: '已定位到：浙江省 杭州市 拱墅区 米市巷街道 大塘巷社区' }).waitFor()
  assert.equal(await phone.getByTestId('region-level-2').inputValue(), '330105')
  assert.equal(await phone.getByTestId('region-level-3').inputValue(), '330105001')
  assert.equal(await phone.getByTestId('region-level-4').inputValue(), '330105001055')
  await screenshot(phone, 'public-report-located-phone')
  await phone.locator('#title').fill('小区门口井盖破损')
  await phone.locator('#description').fill('大塘巷社区 3 幢门口污水井盖破损，夜间行人易踩空')
  const [request] = await Promise.all([
    phone.waitForRequest((r) => new URL(r.url()).pathname === '/public/hazards' && r.method() === 'POST'),
    phone.getByTestId('public-submit').click(),
  ])
  const sent = request.postDataJSON()
  assert.equal(sent.regionCode, '330105001055')
  assert.equal(sent.longitude, 120.1575)
  assert.equal(sent.latitude, 30.2912)
  await phone.getByTestId('public-code').waitFor()
  await citizen.close()

  // without the permission the form says so and the picker stays as it was, to be used by hand
  const denied = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const other = await denied.newPage()
  await other.goto(`${BASE_URL}/report`)
  await other.getByTestId('region-level-1').waitFor()
  await other.getByTestId('region-locate').click()
  await other.getByTestId('region-located').filter({ hasText: '无法获取您的位置' }).waitFor()
  assert.equal(await other.getByTestId('region-level-1').inputValue(), '')
  await denied.close()
})

test('a citizen reports anonymously with a photo, the district sees it, verifies and assigns, the citizen follows it by code', async () => {
  const citizen = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const phone = await citizen.newPage()
  await phone.goto(`${BASE_URL}/report`)
  await phone.locator('#title').fill('仓库通道堆放易燃纸箱')
  await phone.locator('#description').fill('某商贸公司仓库安全通道长期堆放纸箱，堵塞疏散通道')
  // the place by name, as the subscription page asks it, not a region code a citizen cannot know
  await phone.getByTestId('region-level-1').selectOption({ label: '杭州市' })
  await phone.getByTestId('region-level-2').selectOption({ label: '拱墅区' })
  await phone.getByTestId('region-level-3').selectOption({ label: '米市巷街道' })
  assert.equal(await phone.getByTestId('public-submit').innerText(), '提交举报')
  // a photo of the spot goes with it; a PDF is not a photo and is turned away before anything is sent
  await phone.getByTestId('public-photo-input').setInputFiles({ name: '通道堆放.jpg', mimeType: 'image/jpeg', buffer: await photo(phone, '仓库安全通道') })
  await phone.getByTestId('public-photos').locator('img').waitFor()
  await phone.getByTestId('public-photo-input').setInputFiles({ name: '说明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') })
  await phone.getByText('“说明.pdf”不是照片').waitFor()
  assert.equal(await phone.getByTestId('public-photos').locator('img').count(), 1)
  // a file that calls itself a JPEG but is not one passes the phone and is refused by the server, which goes by its bytes
  await phone.getByTestId('public-photo-input').setInputFiles({ name: '截图.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo') })
  assert.equal(await phone.getByTestId('public-photos').locator('img').count(), 2)
  await screenshot(phone, 'public-report-phone')
  await phone.getByTestId('public-submit').click()
  const result = await phone.getByTestId('public-code').innerText()
  const code = result.match(/YH[0-9A-Z]{10}/)[0]
  await phone.getByTestId('public-upload').filter({ hasText: '通道堆放.jpg' }).getByTestId('public-upload-state').filter({ hasText: '已上传' }).waitFor()
  const refused = phone.getByTestId('public-upload').filter({ hasText: '截图.jpg' })
  await refused.getByTestId('public-upload-state').filter({ hasText: '上传失败' }).waitFor()
  assert.match(await refused.getByRole('alert').innerText(), /只能上传照片（JPEG、PNG、WebP）或 PDF 文件/)
  await screenshot(phone, 'public-report-sent-phone')
  await phone.getByTestId('public-code').getByRole('link').click()
  await phone.waitForURL(`**/track/${code}`)
  await phone.getByTestId('track-attachments').filter({ hasText: '照片与附件：1 个' }).waitFor()

  const { context, page } = await loggedIn(browser, 'gongshu')
  await page.getByTestId('menu-hazards').click()
  await page.getByTestId('hazard-link').filter({ hasText: '仓库通道堆放易燃纸箱' }).first().click()
  // the citizen's photo is on the hazard page, shown, and said to come from the reporter
  await page.getByTestId('hazard-photo').locator('img[alt="通道堆放.jpg"]').waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid=hazard-photo] img')?.naturalWidth > 100)
  assert.match(await page.getByTestId('hazard-attachments').innerText(), /通道堆放\.jpg.*举报人/)
  await page.getByTestId('hazard-action-verify').click()
  const deadline = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10)
  await page.locator('#unit').fill('米市巷街道某商贸有限公司')
  await page.locator('#deadline').fill(deadline)
  await page.locator('#deadline').press('Enter')
  await page.getByTestId('hazard-comment').locator('textarea').or(page.locator('textarea[data-testid=hazard-comment]')).first().fill('现场核实属实')
  await page.getByTestId('hazard-act-submit').click()
  await page.getByTestId('hazard-status').filter({ hasText: '已核实' }).waitFor()
  await page.getByTestId('hazard-attach').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG })
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
  await phone.getByTestId('track-attachments').filter({ hasText: '照片与附件：2 个' }).waitFor()
  await screenshot(phone, 'public-track-phone')
  assert.equal(await phone.getByText('米市巷街道某商贸有限公司').count(), 0, 'the public page shows no internal details')
  await citizen.close()
})

test('the enterprise remediates with evidence, the district rejects once, accepts the second time, and the history shows every step', async () => {
  // a hazard of qiye's own enterprise, reported by qiye from its self-inspection: the one it may remediate
  const title = `危化品库房防爆灯具损坏 ${Date.now().toString(36)}`
  const { context: enterprise, page: qiye } = await loggedIn(browser, 'qiye')
  await qiye.getByTestId('menu-hazards').click()
  await qiye.getByTestId('hazard-report').click()
  await qiye.locator('#hazardTitle').fill(title)
  await qiye.locator('#hazardDescription').fill('甲类危化品库房内两只防爆灯具灯罩破损，一只不亮')
  await qiye.getByTestId('hazard-submit').click()
  await qiye.waitForURL(/\/hazards\/\d+$/)
  const hazardUrl = qiye.url()
  await status(qiye, '待核实')
  assert.equal(await qiye.getByTestId('hazard-action-verify').count(), 0, 'an enterprise does not verify its own hazards')

  // the district verifies (grade, unit, deadline) and assigns it to the enterprise
  const { context: district, page: gongshu } = await loggedIn(browser, 'gongshu')
  await gongshu.goto(hazardUrl)
  await status(gongshu, '待核实')
  await act(gongshu, 'verify', '现场核实属实，限期整改', async () => {
    await gongshu.locator('#deadline').fill(new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10))
    await gongshu.locator('#deadline').press('Enter')
  })
  await status(gongshu, '已核实')
  await act(gongshu, 'assign', '交企业整改')
  await status(gongshu, '已交办')

  // the enterprise reports progress with a photo as evidence, then completes
  await qiye.reload()
  await status(qiye, '已交办')
  await act(qiye, 'progress', '已更换两只灯具，剩余一只待到货')
  await status(qiye, '整改中')
  await qiye.getByTestId('hazard-attach').setInputFiles({ name: '整改照片-更换灯具.png', mimeType: 'image/png', buffer: PNG })
  await qiye.getByTestId('hazard-attachments').getByText('整改照片-更换灯具.png').waitFor()
  await act(qiye, 'complete', '三只灯具均已更换并试亮')
  await status(qiye, '待验收')
  assert.equal(await qiye.getByTestId('hazard-action-accept').count(), 0, 'an enterprise does not accept its own remediation')

  // the district rejects: without a reason it is told to give one, with a reason the hazard goes back to 整改
  await gongshu.reload()
  await status(gongshu, '待验收')
  await gongshu.getByTestId('hazard-action-reject').click()
  await gongshu.getByTestId('hazard-act-submit').click()
  await gongshu.locator('.el-form-item__error').filter({ hasText: '验收不通过时请说明原因' }).waitFor()
  await gongshu.locator('#comment').fill('防爆合格证未提供，请补充')
  await gongshu.getByTestId('hazard-act-submit').click()
  await status(gongshu, '整改中')
  await gongshu.waitForFunction(() => [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none'))

  // the enterprise resubmits with the certificate
  await qiye.reload()
  await status(qiye, '整改中')
  await act(qiye, 'progress', '已补充防爆合格证')
  await qiye.getByTestId('hazard-attach').setInputFiles({ name: '防爆合格证.png', mimeType: 'image/png', buffer: PNG })
  await qiye.getByTestId('hazard-attachments').getByText('防爆合格证.png').waitFor()
  await act(qiye, 'complete', '整改完成，请复查')
  await status(qiye, '待验收')

  // the district accepts: 验收 closes the hazard (销号) and no step is left
  await gongshu.reload()
  await status(gongshu, '待验收')
  await act(gongshu, 'accept', '复查合格，予以销号')
  await status(gongshu, '已销号')
  assert.equal(await gongshu.getByTestId(/^hazard-action-/).count(), 0, 'a closed hazard offers no step')
  await screenshot(gongshu, 'hazard-closed-desktop')

  const steps = await gongshu.getByTestId('hazard-history').locator('.el-timeline-item strong').allInnerTexts()
  assert.deepEqual(steps, ['上报', '核实认定', '交办', '报告进展', '整改完成', '验收不通过', '报告进展', '整改完成', '验收销号'])
  const history = await gongshu.getByTestId('hazard-history').innerText()
  // people by name (with their office), not by login name
  for (const text of ['安全负责人 钱明', '拱墅区应急管理局 王丽华', '防爆合格证未提供，请补充', '复查合格，予以销号', '已销号']) {
    assert.ok(history.includes(text), `the history mentions ${text}`)
  }
  assert.ok(!/\bqiye\b|\bgongshu\b/.test(history), 'no login name in the history')
  await district.close()

  // the enterprise sees it closed too, on a phone
  await qiye.setViewportSize(PHONE)
  await qiye.reload()
  await status(qiye, '已销号')
  await screenshot(qiye, 'hazard-closed-phone')
  await enterprise.close()
})

test('the enterprise hears of a hazard assigned to it through the bell, on a phone, and follows the notice to the hazard', async () => {
  const title = `消防通道被货车占用 ${Date.now().toString(36)}`
  const { context: enterprise, page: qiye } = await loggedIn(browser, 'qiye')
  await qiye.getByTestId('menu-hazards').click()
  await qiye.getByTestId('hazard-report').click()
  await qiye.locator('#hazardTitle').fill(title)
  await qiye.locator('#hazardDescription').fill('厂区东侧消防通道停放两辆货车，影响消防车通行')
  await qiye.getByTestId('hazard-submit').click()
  await qiye.waitForURL(/\/hazards\/\d+$/)
  const hazardUrl = qiye.url()
  await enterprise.close()

  const { context: phoneContext, page: phone } = await loggedIn(browser, 'qiye', PHONE)
  const bell = phone.getByTestId('notification-bell')
  await bell.waitFor()
  const unread = () => phone.evaluate(() => fetch('/api/notifications/unread-count').then((r) => r.json()).then((body) => body.count))
  // the server's count, not a number worked out here: the demo city's monitoring may notify the enterprise
  // of an alarm (a detector going offline) at any moment while the test runs
  const badgeFollowsServer = () => phone.waitForFunction(async () => {
    const count = (await (await fetch('/api/notifications/unread-count')).json()).count
    return Number(document.querySelector('[data-testid=notification-bell]')?.dataset.unread) === count
  }, null, { polling: 500 })
  const unreadBefore = await unread()
  await badgeFollowsServer()

  const { context: district, page: gongshu } = await loggedIn(browser, 'gongshu')
  await gongshu.goto(hazardUrl)
  await act(gongshu, 'verify', '现场核实属实', async () => {
    await gongshu.locator('#deadline').fill(new Date(Date.now() + 5 * 86400_000).toISOString().slice(0, 10))
    await gongshu.locator('#deadline').press('Enter')
  })
  await status(gongshu, '已核实')
  await act(gongshu, 'assign', '请立即清理消防通道')
  await status(gongshu, '已交办')
  await district.close()

  // the bell asks again when the page changes (and every minute): the badge counts the new notice
  await phone.getByRole('button', { name: '展开或收起菜单' }).click()
  await phone.getByTestId('menu-hazards').click()
  assert.ok((await unread()) >= unreadBefore + 1, 'the assignment is a new unread notice')
  await badgeFollowsServer()
  // the badge shows the bell's count; both are read in one moment, since another notice (a demo alarm) may
  // arrive between two separate reads
  await phone.waitForFunction(() => {
    const shown = Number(document.querySelector('[data-testid=notification-bell]')?.dataset.unread)
    const text = document.querySelector('[data-testid=notification-badge] .el-badge__content')?.textContent?.trim()
    return shown > 0 && text === (shown > 99 ? '99+' : String(shown))
  }, null, { polling: 200 })

  await bell.click()
  const notice = phone.getByTestId('notification-item').filter({ hasText: `隐患整改任务：${title}` })
  await notice.waitFor()
  assert.equal(await notice.locator('.title').evaluate((el) => getComputedStyle(el).fontWeight), '700', 'an unread notice is bold')
  assert.match(await notice.innerText(), /已交办给您单位/)
  await screenshot(phone, 'notifications-bell-phone')
  const beforeReading = await unread()
  await notice.click()
  await phone.waitForURL(hazardUrl)
  await status(phone, '已交办')
  await badgeFollowsServer()
  assert.ok((await unread()) <= beforeReading, 'following the notice read it')

  // the inbox page lists it as read; 全部已读 clears the badge
  await bell.click()
  await phone.getByTestId('notification-all').click()
  await phone.waitForURL('**/notifications')
  const row = phone.getByTestId('notification-row').filter({ hasText: title })
  await row.waitFor()
  assert.equal(await row.getByTestId('notification-mark-read').count(), 0, 'the notice followed is read')
  await screenshot(phone, 'notifications-phone')
  const unreadOnly = await apiAnswer(phone, '/api/notifications', () => phone.getByTestId('notification-filter').getByText('只看未读').click())
  assert.ok(unreadOnly.content.every((n) => n.readAt === null), 'only unread notices under 只看未读')
  await phone.waitForURL('**/notifications?unread=1')
  await row.waitFor({ state: 'detached' })
  if ((await unread()) > 0) {
    await phone.getByTestId('notification-page-read-all').click()
  }
  await phone.getByText('没有未读通知').waitFor()
  assert.equal(await bell.getAttribute('data-unread'), '0')
  await phone.getByTestId('notification-badge').locator('.el-badge__content').waitFor({ state: 'hidden' })
  await phoneContext.close()
})
