// Launch Control on the production server (next build + the custom server, one port), two viewers in two
// browser contexts.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { changedAt, connection, kpi, kpiValue, renders, shot, signIn, watchKpi, type Viewer } from './helpers'

test.describe.configure({ mode: 'serial' })

const track = (request: APIRequestContext, events: unknown[]) =>
  request.post('/api/track', { data: { events } })
const unread = (page: Page) => page.getByTestId('unread-count')
const toasts = (page: Page) => page.getByTestId('toast')

let ada: Viewer
let bob: Viewer

test.afterAll(async () => {
  for (const viewer of [ada, bob]) {
    if (viewer === undefined) continue
    expect(viewer.errors, `${viewer.name}: console errors`).toEqual([])
    await viewer.context.close()
  }
})

test('sign-in page', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto('/')
  await expect(page).toHaveURL(/\/login$/)
  await page.getByLabel('Display name').fill('Ada Lovelace')
  await page.screenshot({ path: shot('01-sign-in') })
  await page.getByLabel('Display name').fill('   ')
  await page.getByRole('button', { name: 'Open the dashboard' }).click()
  await expect(page.locator('.form-error')).toHaveText('Pick a name of 1 to 32 characters.')
})

test('a POST /api/track moves a KPI and a chart for both viewers within a second; a tick re-renders only that KPI', async ({
  browser,
  baseURL,
  request,
}) => {
  ada = await signIn(browser, baseURL!, 'Ada Lovelace')
  bob = await signIn(browser, baseURL!, 'Bob Kahn')
  for (const { page } of [ada, bob]) {
    await expect(page.getByTestId('viewers')).toContainText('Ada Lovelace')
    await expect(page.getByTestId('viewers')).toContainText('Bob Kahn')
    await expect(page.getByTestId('viewer-stack')).toContainText('2 watching')
  }
  await ada.page.waitForTimeout(1_500) // let the first ticks land

  const before = await kpiValue(ada.page, 'signupsPerMin')
  const shown = async (page: Page) =>
    Object.fromEntries(
      await Promise.all(
        ['signupsPerMin', 'revenue', 'p95', 'pageviewsPerMin'].map(async (metric) => [
          metric,
          await kpiValue(page, metric),
        ]),
      ),
    ) as Record<string, number>
  const valuesBefore = await shown(ada.page)
  const rendersBefore = await renders(ada.page)
  for (const { page } of [ada, bob]) await watchKpi(page, 'signupsPerMin')

  const sentAt = Date.now()
  const response = await track(request, [{ type: 'signup', plan: 'pro' }])
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ ok: true, data: { accepted: 1 } })
  for (const viewer of [ada, bob]) {
    await expect(kpi(viewer.page, 'signupsPerMin')).toHaveAttribute('data-value', String(before + 1))
    const latency = (await changedAt(viewer.page, 'signupsPerMin'))! - sentAt
    console.log(`[e2e] ${viewer.name}: the KPI moved ${latency} ms after the POST`)
    expect(latency).toBeLessThan(1_000)
    await expect(viewer.page.getByTestId('chart-signupsPerMin')).toHaveAttribute(
      'data-last',
      String(before + 1),
    )
  }

  // Render counts, one tick later: the signups KPI re-rendered; KPIs whose value did not change, the charts
  // (drawn imperatively), and the rest of the page did not.
  await ada.page.waitForTimeout(1_200)
  const valuesAfter = await shown(ada.page)
  const rendersAfter = await renders(ada.page)
  expect(rendersAfter['kpi:signupsPerMin']).toBeGreaterThan(rendersBefore['kpi:signupsPerMin']!)
  for (const metric of ['revenue', 'p95', 'pageviewsPerMin']) {
    if (valuesAfter[metric] === valuesBefore[metric]) {
      expect(rendersAfter[`kpi:${metric}`], `kpi:${metric} re-rendered`).toBe(rendersBefore[`kpi:${metric}`])
    }
  }
  for (const name of [
    'chart:signupsPerMin',
    'chart:p95',
    'top-pages',
    'bell',
    'inbox',
    'alerts',
    'viewers',
    'viewer-stack',
    'traffic',
    'banner',
  ]) {
    expect(rendersAfter[name], `${name} re-rendered`).toBe(rendersBefore[name])
  }
  expect(
    Number(await ada.page.getByTestId('chart-signupsPerMin').getAttribute('data-updates')),
  ).toBeGreaterThan(1)

  // Revenue too.
  const revenue = await kpiValue(bob.page, 'revenue')
  await track(request, [{ type: 'purchase', amount: 299 }])
  for (const { page } of [ada, bob])
    await expect(kpi(page, 'revenue')).toHaveAttribute('data-value', String(revenue + 299))
})

test('the traffic generator fills the dashboard for everyone', async () => {
  await ada.page.getByTestId('traffic-toggle').click()
  for (const { page } of [ada, bob])
    await expect(page.getByTestId('traffic-toggle')).toHaveText('Stop traffic')
  await expect(ada.page.getByTestId('top-pages').locator('li')).toHaveCount(5, { timeout: 10_000 })
  await ada.page.waitForTimeout(5_000)
  await ada.page.screenshot({ path: shot('02-live-dashboard') })
  await bob.page.getByTestId('traffic-toggle').click()
  for (const { page } of [ada, bob])
    await expect(page.getByTestId('traffic-toggle')).toHaveText('Simulate traffic')
})

test('a threshold alert reaches both; "Acknowledge" (a Server Action) in one shows a toast in the other', async ({
  request,
}) => {
  // Slow page views push p95 over 800 ms: the next tick raises the alert, and each viewer gets a notification.
  const slow = Array.from({ length: 80 }, () => ({ type: 'pageview', path: '/checkout', latencyMs: 2_400 }))
  expect((await track(request, slow)).status()).toBe(200)
  const alertOf = (page: Page) => page.getByTestId('alert').filter({ hasText: 'p95 latency above 800 ms' })
  for (const { page } of [ada, bob]) {
    await expect(alertOf(page)).toHaveAttribute('data-state', 'active')
    await expect(toasts(page).filter({ hasText: 'p95 latency above 800 ms' })).toBeVisible()
    await expect(unread(page)).toHaveText('1')
  }
  await expect(kpi(ada.page, 'p95')).toHaveText('2,400 ms')

  await alertOf(ada.page).getByRole('button', { name: 'Acknowledge' }).click()
  await expect(alertOf(ada.page).getByTestId('acknowledged-by')).toHaveText('✓ You acknowledged')
  await expect(alertOf(bob.page).getByTestId('acknowledged-by')).toHaveText('✓ Ada Lovelace acknowledged')
  await expect(toasts(bob.page).filter({ hasText: 'Ada Lovelace acknowledged an alert' })).toBeVisible()
  await expect(toasts(ada.page).filter({ hasText: 'acknowledged an alert' })).toHaveCount(0)
  await bob.page.screenshot({ path: shot('03-alert-acknowledged') })
})

test('a private notification reaches its user only; mark-as-read is a request with an ack', async () => {
  // Every notification frame Ada's browser receives, straight off the websocket.
  const adaFrames: string[] = []
  ada.page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => adaFrames.push(String(payload))))
  const adaSocket = await ada.page.evaluate(() =>
    document.querySelector('[data-socket-id]')?.getAttribute('data-socket-id'),
  )
  expect(adaSocket).toBeTruthy()
  const adaUnread = await unread(ada.page).textContent()

  const bobRow = ada.page.getByTestId('viewers').locator('li').filter({ hasText: 'Bob Kahn' })
  await bobRow.getByRole('button', { name: 'Ping' }).click()
  await ada.page.getByLabel('Message to Bob Kahn').fill('Bob, is the checkout fix deployed?')
  await ada.page.getByRole('button', { name: 'Send' }).click()
  await expect(toasts(bob.page).filter({ hasText: 'Ada Lovelace pinged you' })).toContainText(
    'Bob, is the checkout fix deployed?',
  )
  await expect(unread(bob.page)).toHaveText('2')
  await ada.page.waitForTimeout(1_000)
  await expect(unread(ada.page)).toHaveText(adaUnread!)
  await expect(toasts(ada.page).filter({ hasText: 'pinged you' })).toHaveCount(0)
  expect(adaFrames.filter((frame) => frame.includes('pinged you'))).toEqual([])

  await bob.page.getByTestId('bell').click()
  await expect(bob.page.getByTestId('notifications')).toContainText('Bob, is the checkout fix deployed?')
  await bob.page.screenshot({ path: shot('04-notifications') })
  await bob.page.getByRole('button', { name: 'Mark all as read' }).click()
  await expect(unread(bob.page)).toHaveCount(0)
  await bob.page.getByTestId('bell').click()
})

test('two tabs of one user are one viewer, and reading in one tab reads in the other', async () => {
  const bobTab = await bob.context.newPage()
  await bobTab.goto('/')
  await expect(connection(bobTab)).not.toHaveAttribute('data-socket-id', '')
  await expect(bobTab.getByTestId('viewers')).toContainText('Bob Kahn')
  for (const { page } of [ada, bob]) {
    await expect(page.getByTestId('viewer-stack')).toContainText('2 watching')
    await expect(page.getByTestId('viewers').locator('li')).toHaveCount(2)
  }

  const bobRow = ada.page.getByTestId('viewers').locator('li').filter({ hasText: 'Bob Kahn' })
  await bobRow.getByRole('button', { name: 'Ping' }).click()
  await ada.page.getByLabel('Message to Bob Kahn').fill('Both your tabs get this')
  await ada.page.getByRole('button', { name: 'Send' }).click()
  for (const page of [bob.page, bobTab]) await expect(unread(page)).toHaveText('1')
  await bobTab.getByTestId('bell').click()
  await bobTab.getByRole('button', { name: 'Mark all as read' }).click()
  for (const page of [bob.page, bobTab]) await expect(unread(page)).toHaveCount(0)

  // One tab closes: Bob is still watching in the other.
  await bobTab.close()
  await ada.page.waitForTimeout(1_000)
  await expect(ada.page.getByTestId('viewer-stack')).toContainText('2 watching')
  await expect(ada.page.getByTestId('viewers')).toContainText('Bob Kahn')
})

test('offline, then online: the notifications missed meanwhile appear', async ({ request }) => {
  await bob.context.setOffline(true)
  await expect(connection(bob.page)).toHaveAttribute('data-status', 'reconnecting')
  await expect(connection(bob.page)).toContainText('You are offline')

  // Meanwhile: two pings from Ada and an alert (signups surge) for everyone.
  // Bob left the room: Ada sees him away, and can still ping him.
  await expect(ada.page.getByTestId('viewers')).not.toContainText('Bob Kahn')
  const bobRow = ada.page.getByTestId('away').locator('li').filter({ hasText: 'Bob Kahn' })
  for (const message of ['Standup in 5 minutes', 'Checkout p95 looks better now']) {
    await bobRow.getByRole('button', { name: 'Ping' }).click()
    await ada.page.getByLabel('Message to Bob Kahn').fill(message)
    await ada.page.getByRole('button', { name: 'Send' }).click()
    await expect(ada.page.getByLabel('Message to Bob Kahn')).toHaveCount(0)
  }
  const surge = Array.from({ length: 130 }, () => ({ type: 'signup' }))
  expect((await track(request, surge)).status()).toBe(200)
  await expect(ada.page.getByTestId('alert').filter({ hasText: 'Signups are surging' })).toBeVisible()
  await bob.page.screenshot({ path: shot('05-offline') })

  await bob.context.setOffline(false)
  await expect(bob.page.getByTestId('catch-up')).toHaveText('3 new while you were away', { timeout: 20_000 })
  await expect(unread(bob.page)).toHaveText('3')
  await expect(bob.page.getByTestId('alert').filter({ hasText: 'Signups are surging' })).toBeVisible()
  await expect(connection(bob.page)).toContainText('Back online')
  // The KPIs are state, not history: the next one-second tick brings them up to date.
  await expect.poll(() => kpiValue(bob.page, 'signupsPerMin')).toBeGreaterThanOrEqual(130)
  await bob.page.screenshot({ path: shot('06-back-online') })
  await bob.page.getByTestId('bell').click()
  // Each exactly once, newest first, after what the tab already had.
  const items = bob.page.getByTestId('notifications').locator('li')
  await expect(items.filter({ hasText: 'Standup in 5 minutes' })).toHaveCount(1)
  await expect(items.filter({ hasText: 'Checkout p95 looks better now' })).toHaveCount(1)
  await expect(items.filter({ hasText: 'Signups are surging' })).toHaveCount(1)
  await expect(items.filter({ hasText: 'Both your tabs get this' })).toHaveCount(1)
  await expect(items.locator('strong')).toHaveText([
    'Signups are surging',
    'Ada Lovelace pinged you',
    'Ada Lovelace pinged you',
    'Ada Lovelace pinged you',
    'Ada Lovelace pinged you',
    'p95 latency above 800 ms',
  ])
})

test('an invalid POST /api/track gets 400 with the issues, and changes nothing', async ({ request }) => {
  const revenue = await kpiValue(ada.page, 'revenue')
  const response = await track(request, [
    { type: 'purchase', amount: -5 },
    { type: 'pageview', path: 'no-slash', latencyMs: 10 },
  ])
  expect(response.status()).toBe(400)
  const body = await response.json()
  expect(body).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('events.0.amount') },
  })
  expect(body.error.issues).toEqual([
    { message: 'Too small: expected number to be >0', path: ['events', 0, 'amount'] },
    { message: 'A path starts with "/"', path: ['events', 1, 'path'] },
  ])
  const notJson = await request.post('/api/track', {
    data: Buffer.from('{"events": ['),
    headers: { 'content-type': 'application/json' },
  })
  expect(notJson.status()).toBe(400)
  expect((await notJson.json()).error).toEqual({
    code: 'VALIDATION_FAILED',
    message: 'The body of "track" is not valid JSON.',
  })
  await ada.page.waitForTimeout(1_200)
  expect(await kpiValue(ada.page, 'revenue')).toBe(revenue)
})

test('a page the tests did not ask to count renders exposes no render counts', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await page.goto('/login')
  await page.getByLabel('Display name').fill('Eve Deployed')
  await page.getByRole('button', { name: 'Open the dashboard' }).click()
  await expect(connection(page)).toHaveAttribute('data-status', 'connected')
  await expect(kpi(page, 'revenue')).toBeVisible()
  expect(await page.evaluate(() => window.__renders)).toBeUndefined()
  await context.close()
})

test('under plain `next start` (no custom server), the route says what to do', async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
  const next = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const child = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  try {
    await expect.poll(() => output, { timeout: 30_000 }).toContain('Ready')
    const response = await fetch(`http://127.0.0.1:${port}/api/track`, {
      method: 'POST',
      body: JSON.stringify({ events: [{ type: 'signup' }] }),
    })
    expect(response.status).toBe(500)
    expect((await response.json()).error.code).toBe('HANDLER_ERROR')
    await expect
      .poll(() => output)
      .toContain('started with `next dev` or `next start`, which run no Volley server')
  } finally {
    child.kill('SIGTERM')
  }
})
