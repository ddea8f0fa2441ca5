// A walk of some two hundred pages, run by the test suite before the browser tests (BrowserIntegrationTests) and on its
// own with `BASE_URL=http://localhost:8080 npm run walk` against a running demo city.
// Every page, as every demo account, on a Chinese screen: no English code shows where a Chinese name belongs
// (issue 12, "Readable Chinese everywhere"). A page's visible text is read once the page has settled — no API
// request in flight and no loading mask — and every Latin word in it must be a proper name, a unit or a standard's
// designation on the list below. Identifiers (credit codes, device codes, tracking codes) are not words: letters
// that touch a digit or a hyphen belong to a code and are left alone.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, launch, loggedIn, apiToken, api } from '../e2e/support.mjs'

/** Latin words a Chinese screen may show: proper names, standards, units, formats. */
const ALLOWED = new Set([
  'Yingji', 'CAP', 'GB', 'T', 'AQ', 'Excel', 'xlsx', 'csv', 'GeoJSON', 'JSON', 'Atom', 'API', 'MQTT', 'HTTP', 'HTTPS',
  'SMS', 'IoT', 'ID', 'OpenStreetMap', 'OSM', 'Leaflet', 'contributors', 'Esri', 'ppm', 'LEL', 'mg', 'kPa', 'MPa', 'Pa',
  'mm', 'cm', 'km', 'm', 'h', 'min', 's', 'ms', 'kg', 't', 'L', 'V', 'A', 'kW', 'Hz', 'pH', 'NTU', 'PM', 'CO', 'CO2',
  'H2S', 'NH3', 'Cl2', 'O2', 'CH4', 'VOCs', 'LPG', 'LNG', 'PDF', 'URL', 'Webhook', 'webhook', 'APP', 'App', 'GPS',
  'WGS', 'Beijing', 'UTC', 'Vue', 'Element', 'Plus', 'ECharts', 'Bearer', 'e', 'mail', 'E', 'N', 'S', 'W', 'x', 'X',
  // the language switch names its language; LEC is a risk method's name; grades are Roman numerals (Ⅰ级–Ⅳ级)
  'English', 'LEC', 'LS', 'I', 'II', 'III', 'IV',
  // file formats and the project's own files
  'XML', 'JPEG', 'PNG', 'WebP', 'MB', 'KB', 'README',
  // GeoJSON's own type names and the property keys a boundary file may carry its region code in, in the import
  // dialogs' description of the file format
  'FeatureCollection', 'Feature', 'Polygon', 'MultiPolygon', 'properties', 'code', 'adcode', 'region_code',
  // GB 18218's grading value of a major hazard source (R = α Σ β q/Q)
  'R',
])

const ACCOUNTS = ['admin', 'hangzhou', 'gongshu', 'xihu', 'qiye', 'mishixiang', 'wangge', 'zhujian', 'jiaotong', 'shenji']
const PAGES = ['/', '/map', '/enterprises', '/enterprises/new', '/risk', '/risk/commitments', '/risk/zones', '/hazards',
  '/devices', '/alarms', '/warnings', '/warnings/new', '/audit', '/notifications', '/regions/boundaries', '/resources/warehouses',
  '/resources/supplies']
const PUBLIC_PAGES = ['/login', '/report', '/track', '/subscribe', '/alerts']

let browser
before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** The detail pages the account can open: the first record of each list it sees. */
async function detailPages(username) {
  const auth = `Bearer ${await apiToken(username)}`
  const first = async (path) => {
    try {
      const body = await api(auth, 'GET', path)
      const rows = Array.isArray(body) ? body : body?.content ?? []
      return rows[0]?.id
    } catch {
      return undefined // a list the account may not read
    }
  }
  const pages = []
  const enterprise = await first('/api/enterprises?size=1')
  if (enterprise) pages.push(`/enterprises/${enterprise}`)
  const hazard = await first('/api/hazards?size=1')
  if (hazard) pages.push(`/hazards/${hazard}`)
  const device = await first('/api/devices?size=1')
  if (device) pages.push(`/devices/${device}`)
  const alarm = await first('/api/alarms?size=1')
  if (alarm) pages.push(`/alarms/${alarm}`)
  const warning = await first('/api/warnings?size=1')
  if (warning) pages.push(`/warnings/${warning}`, `/warnings/${warning}/delivery`)
  return pages
}

/** Waits until no API request is in flight (long-lived streams aside) and no loading mask shows, twice in a row. */
async function settled(page, inFlight) {
  const deadline = Date.now() + 20000
  for (let quiet = 0; quiet < 2 && Date.now() < deadline;) {
    await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'), null, { timeout: 20000 })
    // a frame for the answers to render (and for requests they start)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    quiet = inFlight.size === 0 ? quiet + 1 : 0
    if (inFlight.size > 0) await Promise.race([page.waitForEvent('requestfinished'), page.waitForEvent('requestfailed')]).catch(() => {})
  }
}

/** The Latin words of the page's visible text that are not on the list. */
async function latinWords(page) {
  const text = await page.evaluate(() => document.body.innerText)
  const words = new Map()
  for (const line of text.split('\n')) {
    for (const match of line.matchAll(/(?<![A-Za-z0-9_\-./:@])[A-Za-z][A-Za-z_]*(?![A-Za-z0-9_\-@])/g)) {
      if (!ALLOWED.has(match[0]) && !words.has(match[0])) words.set(match[0], `${match[0]} «${line.trim().slice(0, 60)}»`)
    }
  }
  return [...words.values()]
}

function tracked(page) {
  const inFlight = new Set()
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.origin === BASE_URL && (url.pathname.startsWith('/api/') || url.pathname.startsWith('/public/'))
        && !/stream|events/.test(url.pathname)) inFlight.add(r)
  })
  const done = (r) => inFlight.delete(r)
  page.on('requestfinished', done)
  page.on('requestfailed', done)
  return inFlight
}

async function walk(page, inFlight, paths, who, found) {
  for (const path of paths) {
    await page.goto(`${BASE_URL}${path}`)
    await settled(page, inFlight)
    for (const word of await latinWords(page)) found.push(`${who} ${path}: ${word}`)
  }
}

test('no English code shows on a Chinese screen, on any page, for any demo account', async () => {
  const found = []
  for (const username of ACCOUNTS) {
    const { context, page } = await loggedIn(browser, username)
    const inFlight = tracked(page)
    await walk(page, inFlight, [...PAGES, ...await detailPages(username)], username, found)
    await context.close()
  }
  const context = await browser.newContext({ locale: 'zh-CN' })
  const page = await context.newPage()
  await walk(page, tracked(page), PUBLIC_PAGES, 'public', found)
  await context.close()
  assert.deepEqual(found, [], `Latin codes on Chinese screens:\n${found.join('\n')}`)
})
