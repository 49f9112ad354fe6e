import { spawn, type ChildProcess } from 'node:child_process'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { startRedisServer, type RedisServer } from '@volley/redis-server'

// The chat as `npm run demo -- chat --workers 2` runs it: a redis-server of its own, and the cluster (two
// workers behind one port, @socket.io/sticky). Two people land on different workers, see each other and
// chat; then the worker of one of them is killed (SIGKILL): the page reconnects to a living worker, gets
// what was sent meanwhile, sends what it queued, and nothing is lost.
const shots = (name: string) => `test-results/screenshots/${name}.png`

let redis: RedisServer
let cluster: ChildProcess
let base: string

test.beforeAll(async () => {
  redis = await startRedisServer()
  const port = await freePortNow()
  base = `http://127.0.0.1:${port}`
  cluster = spawn(process.execPath, ['--import', 'tsx', '--conditions=@volley/source', 'server/cluster.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, PORT: String(port), REDIS_URL: redis.url, WORKERS: '2', SESSION_SECRET: 'e2e' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const ready = () => {
      // The primary listens once every worker is ready.
      if (output.includes('listening on')) resolve()
    }
    cluster.stdout!.on('data', (data: Buffer) => {
      output += data.toString()
      ready()
    })
    cluster.stderr!.on('data', (data: Buffer) => void (output += data.toString()))
    cluster.once('exit', (code) => reject(new Error(`the chat cluster exited (${code}): ${output}`)))
  })
})

test.afterAll(async () => {
  if (cluster !== undefined && cluster.exitCode === null) {
    const exited = new Promise((resolve) => cluster.once('exit', resolve))
    cluster.kill('SIGTERM')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))])
    if (cluster.exitCode === null) cluster.kill('SIGKILL')
  }
  await redis?.close()
})

async function signIn(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error))
  await page.goto(base)
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Join chat' }).click()
  await expect(page.getByRole('heading', { name: `Welcome, ${name}` })).toBeVisible()
  return page
}

/** The worker (and its pid) the page's socket is connected to, as the server told the page. */
async function workerOf(page: Page): Promise<{ worker: string; pid: string }> {
  const label = page.getByTestId('worker')
  await expect(label).toHaveAttribute('data-pid', /\d+/)
  return { worker: (await label.getAttribute('data-worker'))!, pid: (await label.getAttribute('data-pid'))! }
}

const room = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: new RegExp(name) })
const composer = (page: Page) => page.getByRole('textbox', { name: 'Message #general' })
const messages = (page: Page) => page.getByTestId('messages')
const online = (page: Page) => page.getByTestId('online')

async function say(page: Page, text: string): Promise<void> {
  await composer(page).fill(text)
  await composer(page).press('Enter')
}

test('two people on different workers see each other and chat; a worker is killed and nothing is lost', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const ada = await signIn(browser, 'Ada on one')
  const bob = await signIn(browser, 'Bob on two')
  const adaWorker = await workerOf(ada)
  let bobWorker = await workerOf(bob)
  // Least connections first puts the second socket on the other worker; reload in the unlikely case not.
  for (let attempt = 0; attempt < 5 && bobWorker.worker === adaWorker.worker; attempt += 1) {
    await bob.reload()
    bobWorker = await workerOf(bob)
  }
  expect(bobWorker.worker).not.toBe(adaWorker.worker)
  await expect(ada.getByTestId('worker')).toContainText(`worker ${adaWorker.worker}`)

  // Presence crosses workers: each sees the other online, and typing.
  await room(ada, 'general').click()
  await room(bob, 'general').click()
  for (const page of [ada, bob]) {
    await expect(online(page)).toContainText('Ada on one')
    await expect(online(page)).toContainText('Bob on two')
    await expect(room(page, 'general')).toContainText('2')
  }
  await composer(ada).pressSequentially('Hello from worker', { delay: 20 })
  await expect(bob.getByTestId('typing')).toHaveText('Ada on one is typing…')
  await composer(ada).press('Enter')
  await expect(messages(bob)).toContainText('Hello from worker')
  await say(bob, 'Hi Ada, I am on the other one')
  await expect(messages(ada)).toContainText('Hi Ada, I am on the other one')
  await expect(bob.getByTestId('delivery').last()).toHaveText('Sent ✓')
  await ada.screenshot({ path: shots('08-two-workers-ada') })
  await bob.screenshot({ path: shots('08-two-workers-bob') })

  // Bob's worker dies. His page reconnects to a living worker (the primary also starts a new one).
  process.kill(Number(bobWorker.pid), 'SIGKILL')
  await expect(bob.getByTestId('connection-banner')).toBeVisible({ timeout: 20_000 })
  await say(ada, 'Sent while your worker was down')
  await say(bob, 'Written during the failover')
  await expect.poll(async () => (await workerOf(bob)).pid, { timeout: 30_000 }).not.toBe(bobWorker.pid)
  const { worker: now } = await workerOf(bob)
  console.log(`[chat e2e] Bob: worker ${bobWorker.worker} killed, now served by worker ${now}`)

  const expected = [
    'Hello from worker',
    'Hi Ada, I am on the other one',
    'Sent while your worker was down',
    'Written during the failover',
  ]
  for (const page of [ada, bob]) {
    await expect(async () => {
      const texts = await messages(page).locator('article .text').allInnerTexts()
      expect(texts.map((text) => text.trim())).toEqual(
        expect.arrayContaining(expected.map((text) => expect.stringContaining(text))),
      )
      expect(texts).toHaveLength(expected.length) // nothing lost, nothing twice
    }).toPass({ timeout: 30_000 })
  }
  await expect(bob.getByTestId('delivery').last()).toHaveText('Sent ✓')
  // Still one member each: Bob's connection on the dead worker is removed by the living one (lease).
  await expect(online(ada).locator('li')).toHaveCount(2)
  await expect(online(bob)).toContainText('Ada on one')
  await expect(bob.getByTestId('connection-banner')).toHaveCount(0, { timeout: 20_000 })
  await bob.screenshot({ path: shots('09-worker-killed') })
})

/** A free TCP port, asked of the OS now. */
function freePortNow(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
    probe.once('error', reject)
  })
}
