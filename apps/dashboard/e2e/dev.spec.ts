// Launch Control on the development server: `next dev` (Turbopack) through the custom server, one port.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { expect, test, type WebSocket } from '@playwright/test'
import { connection, signIn, type Viewer } from './helpers'

test.describe.configure({ mode: 'serial' })
test.setTimeout(240_000)

const component = new URL('../app/live/TrafficToggle.tsx', import.meta.url)
const original = readFileSync(component, 'utf8')
let port: number
let server: { child: ChildProcess; output: () => string; exited: Promise<number | null> } | undefined

async function startDevServer(): Promise<NonNullable<typeof server>> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli')
  const child = spawn(process.execPath, [tsx, 'server/main.ts', '--dev'], {
    cwd: new URL('..', import.meta.url),
    env: {
      ...process.env,
      PORT: String(port),
      TRAFFIC: 'off',
      SESSION_SECRET: 'the dev e2e secret, 32 characters+',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  await expect.poll(() => output, { timeout: 60_000 }).toContain('development server on')
  return { child, output: () => output, exited }
}

test.beforeAll(async () => {
  port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
  server = await startDevServer()
})

test.afterAll(async () => {
  writeFileSync(component, original)
  server?.child.kill('SIGTERM')
  await server?.exited
})

test('dev server: Volley connects, the HMR websocket stays open, an edit hot-reloads with Volley still up, and a restart reconnects HMR', async ({
  browser,
}) => {
  const sockets: WebSocket[] = []
  // Next's dev server serves its own resources (HMR) to the host it knows: localhost, as `pnpm dev` prints.
  const baseURL = `http://localhost:${port}`
  const viewer: Viewer = await signIn(browser, baseURL, 'Grace Hopper', (page) =>
    page.on('websocket', (ws) => sockets.push(ws)),
  )
  const { page, context } = viewer
  // Load the dashboard itself (sign-in got there by a client-side navigation, whose chunks Next 16.4's
  // Turbopack HMR does not subscribe to), as a developer who reloads would.
  await page.goto('/')
  await expect(connection(page)).toHaveAttribute('data-status', 'connected')
  // Next's HMR websocket (whatever its path) and Volley's, side by side on one port.
  const hmrSockets = () => sockets.filter((ws) => new URL(ws.url()).pathname.startsWith('/_next/'))
  await expect.poll(() => hmrSockets().length, { timeout: 30_000 }).toBeGreaterThan(0)
  expect(sockets.some((ws) => ws.url().includes('/socket.io/'))).toBe(true)
  await page.waitForTimeout(2_000) // longer than engine.io's 1 s for upgrades it does not own
  expect(hmrSockets().every((ws) => !ws.isClosed())).toBe(true)
  expect(viewer.errors).toEqual([])

  // An edit to a client component is hot reloaded: no full reload, the Volley connection stays the same.
  const socketId = await connection(page).getAttribute('data-socket-id')
  await page.evaluate(() => ((window as unknown as { __marker: boolean }).__marker = true))
  writeFileSync(component, original.replace("'Simulate traffic'", "'Simulate launch traffic'"))
  await expect(page.getByTestId('traffic-toggle')).toHaveText('Simulate launch traffic', { timeout: 60_000 })
  expect(await page.evaluate(() => (window as unknown as { __marker?: boolean }).__marker)).toBe(true)
  await expect(connection(page)).toHaveAttribute('data-socket-id', socketId!)
  await expect(connection(page)).toHaveAttribute('data-status', 'connected')
  writeFileSync(component, original)
  await expect(page.getByTestId('traffic-toggle')).toHaveText('Simulate traffic', { timeout: 60_000 })
  expect(viewer.errors).toEqual([])

  // The restart case: the server stops (SIGTERM: exit code 0) and starts again on the same port; the tab's
  // HMR websocket reconnects, possibly before any HTTP request reaches the new server.
  const before = hmrSockets().length
  server!.child.kill('SIGTERM')
  expect(await server!.exited).toBe(0)
  expect(server!.output()).toContain('[volley] shutting down: Volley, then HTTP, then Next')
  await expect(connection(page)).toHaveAttribute('data-status', 'reconnecting')
  server = await startDevServer()
  await expect(connection(page)).toHaveAttribute('data-status', 'connected', { timeout: 60_000 })
  await expect.poll(() => hmrSockets().length, { timeout: 60_000 }).toBeGreaterThan(before)
  await page.waitForTimeout(2_500)
  const latest = hmrSockets().at(-1)!
  expect(latest.isClosed()).toBe(false)
  expect(server!.output()).not.toMatch(/socket hang up|Error handling upgrade/)
  await context.close()
})
