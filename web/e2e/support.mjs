// Shared helpers of the browser tests: Debian's Chromium driven by playwright-core against a running
// server (BASE_URL). Nothing is downloaded; the browser is the system's.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

export const BASE_URL = process.env.BASE_URL ?? 'http://localhost:8080'
export const PASSWORD = 'Yingji@2026'
export const RESULTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-results')
mkdirSync(RESULTS, { recursive: true })

export const DESKTOP = { width: 1366, height: 800 }
export const PHONE = { width: 390, height: 844 }

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  })
}

/** A fresh browser context (its own cookies) with the page logged in as a demo account. */
export async function loggedIn(browser, username, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: viewport === PHONE, hasTouch: viewport === PHONE })
  const page = await context.newPage()
  await page.goto(`${BASE_URL}/login`)
  await page.getByLabel(/用户名|Username/).fill(username)
  await page.getByLabel(/密码|Password/).fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  return { context, page }
}

export async function screenshot(page, name) {
  // Element Plus tags and dialogs zoom in when they appear: let them settle so the picture shows them
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 2000 }).catch(() => {})
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: false })
}

/** Waits for the next answer of an API path and returns its JSON body. */
export async function apiAnswer(page, pathPrefix, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === pathPrefix && r.request().method() === 'GET'),
    action(),
  ])
  return response.json()
}

/**
 * A small JPEG drawn by the page's own browser: it looks like a photo in the screenshots, and the
 * server, which goes by a file's bytes, takes it for one.
 */
export async function photo(page, label) {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas')
    canvas.width = 480
    canvas.height = 360
    const g = canvas.getContext('2d')
    g.fillStyle = '#b9d3ea'
    g.fillRect(0, 0, 480, 190)
    g.fillStyle = '#7d7f82'
    g.fillRect(0, 190, 480, 170)
    g.fillStyle = '#c58b4b'
    for (const [x, y, w, h] of [[60, 150, 110, 90], [150, 120, 120, 120], [300, 170, 90, 70]]) {
      g.fillRect(x, y, w, h)
      g.strokeRect(x, y, w, h)
    }
    g.fillStyle = '#fff'
    g.font = 'bold 28px sans-serif'
    g.fillText(text, 20, 330)
    return canvas.toDataURL('image/jpeg', 0.85)
  }, label)
  return Buffer.from(dataUrl.split(',')[1], 'base64')
}

/** Logs in over the API (as scripts and devices' installers do) and answers the bearer token. */
export async function apiToken(username) {
  const response = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  if (!response.ok) throw new Error(`login of ${username}: HTTP ${response.status}`)
  return (await response.json()).token
}

/** A JSON call to the API with an Authorization header ("Bearer …", "Device code:key"); answers the parsed body, throws on an error status. */
export async function api(authorization, method, pathname, body) {
  const response = await fetch(`${BASE_URL}${pathname}`, {
    method,
    headers: { Authorization: authorization, 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${pathname}: HTTP ${response.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

/**
 * A map layer (/api/enterprises/map, /api/devices/map, /api/hazards/map) comes by column:
 * `{ count, id: [...], name: [...] }`. Answers one object per point, after checking every column's length.
 */
export function rows(layer) {
  const columns = Object.entries(layer).filter(([, value]) => Array.isArray(value))
  for (const [name, values] of columns) {
    if (values.length !== layer.count) throw new Error(`column ${name} has ${values.length} entries, count is ${layer.count}`)
  }
  return Array.from({ length: layer.count }, (_, i) => Object.fromEntries(columns.map(([name, values]) => [name, values[i]])))
}

/** The rows of the map layer the action makes the page ask for. */
export async function layerAnswer(page, pathPrefix, action) {
  return rows(await apiAnswer(page, pathPrefix, action))
}

/** A 1×1 light-green PNG, stretched by the browser over a 256 px tile: a base map that is never fetched from the internet. */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mPc/Z+hHgAGYgJ1cfKSjQAAAABJRU5ErkJggg==', 'base64')

/**
 * Makes the page's maps use a base map at tiles.test (the tests' server configures none, and tests never
 * reach the internet): `serve` true answers every tile with a small PNG, false fails every tile, as an
 * offline network would.
 */
export async function fakeTiles(context, serve) {
  await context.route('**/api/config', async (route) => {
    const response = await route.fetch()
    const config = await response.json()
    await route.fulfill({ response, json: { ...config, tileUrl: 'https://tiles.test/{z}/{x}/{y}.png', tileAttribution: '© 测试底图 OpenStreetMap 贡献者' } })
  })
  await context.route('https://tiles.test/**', (route) => (serve ? route.fulfill({ contentType: 'image/png', body: TILE }) : route.abort('internetdisconnected')))
}
