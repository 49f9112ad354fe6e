import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'

// Test artifacts (gitignored); copies of the latest ones are kept in ../screenshots for the README.
const shots = (name: string) => `test-results/screenshots/${name}.png`

async function signIn(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error))
  await page.goto('/')
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Join chat' }).click()
  await expect(page.getByRole('heading', { name: `Welcome, ${name}` })).toBeVisible()
  return { context, page }
}

const room = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: new RegExp(name) })
const composer = (page: Page) => page.getByRole('textbox', { name: 'Message #general' })
const messages = (page: Page) => page.getByTestId('messages')
const banner = (page: Page) => page.getByTestId('connection-banner')

test('sign-in screen', async ({ page }) => {
  await page.setViewportSize({ width: 1200, height: 760 })
  await page.goto('/')
  await expect(page.getByRole('button', { name: 'Join chat' })).toBeVisible()
  await page.getByLabel('Display name').fill('Ada Lovelace')
  await page.screenshot({ path: shots('01-sign-in') })
  // An empty name is refused by the server with a clear message.
  await page.getByLabel('Display name').fill('   ')
  await page.getByRole('button', { name: 'Join chat' }).click()
  await expect(page.getByRole('alert')).toHaveText('Pick a name of 1 to 32 characters.')
})

test('two people chat, see typing and presence, recover from a network cut, and get validation errors', async ({
  browser,
}) => {
  const ada = await signIn(browser, 'Ada Lovelace')
  const bob = await signIn(browser, 'Bob Kahn')
  await ada.page.screenshot({ path: shots('02-pick-a-room') })

  // Both join #general and see each other online.
  await room(ada.page, 'general').click()
  await room(bob.page, 'general').click()
  for (const { page } of [ada, bob]) {
    await expect(page.getByTestId('online')).toContainText('Ada Lovelace')
    await expect(page.getByTestId('online')).toContainText('Bob Kahn')
  }
  await expect(room(ada.page, 'general')).toContainText('2')

  // Ada types: Bob sees it. Ada sends: her message turns "Sent", Bob receives it.
  await composer(ada.page).pressSequentially('Hi Bob! Did the deploy go out?', { delay: 20 })
  await expect(bob.page.getByTestId('typing')).toHaveText('Ada Lovelace is typing…')
  await composer(ada.page).press('Enter')
  await expect(ada.page.getByTestId('delivery').last()).toHaveText('Sent ✓')
  await expect(messages(bob.page)).toContainText('Hi Bob! Did the deploy go out?')
  await expect(bob.page.getByTestId('typing')).toHaveText('')

  // And back.
  await composer(bob.page).pressSequentially('Yes, 10 minutes ago. All green.', { delay: 20 })
  await expect(ada.page.getByTestId('typing')).toHaveText('Bob Kahn is typing…')
  await composer(bob.page).press('Enter')
  await expect(messages(ada.page)).toContainText('Yes, 10 minutes ago. All green.')
  await expect(bob.page.getByTestId('delivery').last()).toHaveText('Sent ✓')
  await composer(bob.page).fill('Multi-line works too:\n- shift+enter for a new line\n- enter to send')
  await composer(bob.page).press('Enter')
  await expect(messages(ada.page)).toContainText('shift+enter for a new line')
  await composer(ada.page).pressSequentially('Great', { delay: 20 })
  await expect(bob.page.getByTestId('typing')).toHaveText('Ada Lovelace is typing…')
  await ada.page.screenshot({ path: shots('03-conversation') })
  await composer(ada.page).fill('')

  // Bob loses the network: the banner says so.
  await bob.context.setOffline(true)
  await expect(banner(bob.page)).toContainText('You are offline')
  await expect(banner(bob.page)).toHaveAttribute('data-status', 'reconnecting')

  // Bob writes while offline: it waits as "Sending…". Ada keeps talking.
  await composer(bob.page).fill('Writing this on the train')
  await composer(bob.page).press('Enter')
  await expect(bob.page.getByTestId('delivery').last()).toHaveText('Sending…')
  await composer(ada.page).fill('Bob, the release notes are in the wiki.')
  await composer(ada.page).press('Enter')
  await composer(ada.page).fill('And the changelog is published.')
  await composer(ada.page).press('Enter')
  await expect(ada.page.getByTestId('delivery').last()).toHaveText('Sent ✓')
  await bob.page.screenshot({ path: shots('04-offline') })

  // Back online: Bob reconnects, rejoins, catches up on what he missed, and his queued message goes out.
  await bob.context.setOffline(false)
  await expect(bob.page.getByTestId('catch-up')).toHaveText('2 new messages while you were offline', {
    timeout: 20_000,
  })
  await expect(messages(bob.page)).toContainText('Bob, the release notes are in the wiki.')
  await expect(messages(bob.page)).toContainText('And the changelog is published.')
  await expect(bob.page.getByTestId('delivery').last()).toHaveText('Sent ✓')
  await expect(messages(ada.page)).toContainText('Writing this on the train')
  await expect(bob.page.getByTestId('online')).toContainText('Ada Lovelace')
  await expect(banner(bob.page)).toContainText('Back online')
  await bob.page.screenshot({ path: shots('05-recovered') })
  await expect(banner(bob.page)).toHaveCount(0)

  // Invalid input: the contract's message is shown, and nothing is sent.
  const before = await messages(bob.page).locator('article').count()
  await composer(ada.page).press('Enter')
  await expect(ada.page.getByTestId('composer-error')).toHaveText('Message cannot be empty.')
  await composer(ada.page).fill('x'.repeat(2001))
  await expect(ada.page.getByText('2,001 / 2,000')).toBeVisible()
  await composer(ada.page).press('Enter')
  await expect(ada.page.getByTestId('composer-error')).toHaveText(
    'Message is too long: 2,000 characters at most.',
  )
  await expect(composer(ada.page)).toHaveValue('x'.repeat(2001))
  await ada.page.screenshot({ path: shots('06-validation-error') })
  await expect(messages(bob.page).locator('article')).toHaveCount(before)

  // Ada leaves the room: Bob sees her go.
  await ada.page.getByRole('button', { name: 'Leave room' }).click()
  await expect(bob.page.getByTestId('online')).not.toContainText('Ada Lovelace')
  await expect(ada.page.getByRole('heading', { name: 'Welcome, Ada Lovelace' })).toBeVisible()

  await ada.context.close()
  await bob.context.close()
})

test('history is there when you join a room later, and a new message arrives live', async ({ browser }) => {
  const cleo = await signIn(browser, 'Cleo')
  await room(cleo.page, 'random').click()
  const composerRandom = cleo.page.getByRole('textbox', { name: 'Message #random' })
  await composerRandom.fill('First!')
  await composerRandom.press('Enter')
  await expect(cleo.page.getByTestId('delivery').last()).toHaveText('Sent ✓')
  const dan = await signIn(browser, 'Dan')
  await room(dan.page, 'random').click()
  await expect(messages(dan.page)).toContainText('First!')
  await expect(dan.page.getByTestId('online')).toContainText('Cleo')
  await cleo.context.close()
  await expect(dan.page.getByTestId('online')).not.toContainText('Cleo')
  await dan.context.close()
})

// The server process itself is killed and started again: sign-ins survive (sessions in a file), message
// history does not (it is in memory), and the page says so instead of pretending nothing happened.
test('the server process restarts mid-session: the page reconnects, sends what waited, and says some messages may be missing', async ({
  browser,
}) => {
  const port = await freePortNow()
  const base = `http://127.0.0.1:${port}`
  const sessionFile = join(tmpdir(), `chat-e2e-sessions-${process.pid}-${port}.json`)
  let server = await startChatProcess(port, sessionFile)
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 760 } })
    const page = await context.newPage()
    await page.goto(base)
    await page.getByLabel('Display name').fill('Erin')
    await page.getByRole('button', { name: 'Join chat' }).click()
    await room(page, 'general').click()
    await composer(page).fill('Before the restart')
    await composer(page).press('Enter')
    await expect(page.getByTestId('delivery').last()).toHaveText('Sent ✓')

    server.kill('SIGKILL')
    await expect(banner(page)).toHaveAttribute('data-status', 'reconnecting', { timeout: 20_000 })
    // Written while the server is gone: it waits in the outbox.
    await composer(page).fill('Written while the server was down')
    await composer(page).press('Enter')
    await expect(page.getByTestId('delivery').last()).toHaveText('Sending…')

    server = await startChatProcess(port, sessionFile)
    await expect(page.getByTestId('catch-up-lost')).toContainText('Some messages may be missing', {
      timeout: 30_000,
    })
    await expect(page.getByTestId('delivery').last()).toHaveText('Sent ✓')
    await expect(messages(page)).toContainText('Before the restart')
    await expect(messages(page)).toContainText('Written while the server was down')
    await expect(page.getByTestId('online')).toContainText('Erin')
    await page.screenshot({ path: shots('07-server-restart') })

    // Someone who joins now gets the new server's history: what was sent after the restart.
    const frank = await browser.newContext({ viewport: { width: 1200, height: 760 } })
    const other = await frank.newPage()
    await other.goto(base)
    await other.getByLabel('Display name').fill('Frank')
    await other.getByRole('button', { name: 'Join chat' }).click()
    await room(other, 'general').click()
    await expect(messages(other)).toContainText('Written while the server was down')
    await expect(messages(other)).not.toContainText('Before the restart')
    await frank.close()
    await context.close()
  } finally {
    server.kill('SIGKILL')
    rmSync(sessionFile, { force: true })
  }
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

/** Starts the chat's production server (the built client must exist: the webServer step builds it). */
async function startChatProcess(port: number, sessionFile: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@volley/source', 'server/main.ts'],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, PORT: String(port), SESSION_SECRET: 'e2e', SESSION_FILE: sessionFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output += data.toString()
      if (output.includes('listening on')) resolve()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (data: Buffer) => void (output += data.toString()))
    child.once('exit', (code) => reject(new Error(`the chat server exited (${code}): ${output}`)))
  })
  return child
}
