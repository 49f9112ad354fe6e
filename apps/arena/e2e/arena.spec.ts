import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'

// Test artifacts (gitignored); copies of the latest ones are kept in ../screenshots for the README.
const shots = (name: string) => `test-results/screenshots/${name}.png`

// The server runs with ARENA_MAX_PLAYERS=2 (playwright.config.ts): a third player finds the room full.
async function open(browser: Browser, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error))
  await page.goto('/')
  await page.getByLabel('Your name').fill(name)
  await expect(page.getByTestId('lobby-status')).toHaveText('Connected')
  return { context, page }
}

async function joinMain(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join Main arena' }).click()
  await expect(page.getByTestId('room-title')).toHaveText('Main arena')
}

type View = NonNullable<ReturnType<Window['arena']['view']>>
const view = (page: Page): Promise<View> => page.evaluate(() => window.arena.view()!)
const row = (page: Page, name: string) => page.getByTestId('scoreboard').locator(`li[data-name="${name}"]`)

/** Holds arrow keys on `page` to walk its player onto the nearest orb, until its score is `score`. */
async function collectOrb(page: Page, score: number): Promise<void> {
  const held = new Set<string>()
  const hold = async (keys: string[]) => {
    for (const key of [...held])
      if (!keys.includes(key)) await page.keyboard.up(key).then(() => held.delete(key))
    for (const key of keys) if (!held.has(key)) await page.keyboard.down(key).then(() => held.add(key))
  }
  await expect
    .poll(
      async () => {
        const { players, orbs } = await view(page)
        const me = players.find((player) => player.me)!
        if (me.score >= score) return me.score
        const orb = [...orbs].sort(
          (a, b) => Math.hypot(a.x - me.x, a.y - me.y) - Math.hypot(b.x - me.x, b.y - me.y),
        )[0]!
        const keys: string[] = []
        if (orb.x > me.x + 4) keys.push('ArrowRight')
        if (orb.x < me.x - 4) keys.push('ArrowLeft')
        if (orb.y > me.y + 4) keys.push('ArrowDown')
        if (orb.y < me.y - 4) keys.push('ArrowUp')
        await hold(keys)
        return me.score
      },
      { timeout: 30_000, intervals: [50] },
    )
    .toBeGreaterThanOrEqual(score)
  await hold([])
}

test('lobby: pick a name, see the rooms and their player counts', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 760 })
  await page.goto('/')
  await page.getByLabel('Your name').fill('Ada')
  await expect(page.getByTestId('lobby-status')).toHaveText('Connected')
  await expect(page.getByRole('list', { name: 'Rooms' }).getByRole('listitem')).toHaveCount(2)
  await page.screenshot({ path: shots('01-lobby') })
  // An empty name is refused by the contract before anything is sent.
  await page.getByLabel('Your name').fill('  ')
  await page.getByRole('button', { name: 'Join Main arena' }).click()
  await expect(page.getByTestId('lobby-alert')).toHaveText('Pick a name.')
})

test('two players: moves show on the other screen within 200 ms, pings, scores, a full room, a network cut and the return', async ({
  browser,
}) => {
  const ada = await open(browser, 'Ada')
  await joinMain(ada.page)
  const bob = await open(browser, 'Bob')
  await joinMain(bob.page)
  for (const { page } of [ada, bob]) {
    await expect(row(page, 'Ada')).toBeVisible()
    await expect(row(page, 'Bob')).toBeVisible()
    // The ping is measured with a request/ack round trip and shown as a number of ms.
    await expect(page.getByTestId('ping')).toHaveText(/^\d+$/)
  }
  await expect(row(bob.page, 'Ada').locator('.ping')).toHaveText(/^\d+ ms$/)

  // Ada presses a key; Bob's page watches where it shows Ada (what it draws) and notes when she moves.
  const adaSlot = (await view(ada.page)).slot
  const seen = bob.page.evaluate(
    (slot) =>
      new Promise<number>((resolve) => {
        const start = window.arena.view()!.players.find((player) => player.slot === slot)!
        const timer = setInterval(() => {
          const now = window.arena.view()!.players.find((player) => player.slot === slot)!
          if (Math.abs(now.x - start.x) + Math.abs(now.y - start.y) > 0.5) {
            clearInterval(timer)
            resolve(Date.now())
          }
        }, 2)
      }),
    adaSlot,
  )
  const { players } = await view(ada.page)
  const key = players.find((player) => player.me)!.x > 800 ? 'ArrowLeft' : 'ArrowRight'
  await ada.page.keyboard.down(key)
  const movedOnBob = await seen
  await ada.page.keyboard.up(key)
  const pressed = (await view(ada.page)).lastKeyDownAt!
  const latency = movedOnBob - pressed
  console.log(`[arena] key down on Ada's page to Ada moving on Bob's page: ${latency} ms`)
  expect(latency).toBeGreaterThanOrEqual(0)
  expect(latency).toBeLessThan(200)

  // Scores move: Ada walks onto an orb, and Bob's score board shows it.
  await collectOrb(ada.page, 1)
  await expect(row(bob.page, 'Ada').locator('.score')).not.toHaveText('0')
  // Best score first.
  const scores = (await bob.page.getByTestId('scoreboard').locator('.score').allTextContents()).map(Number)
  expect(scores).toEqual([...scores].sort((a, b) => b - a))
  await bob.page.screenshot({ path: shots('02-game') })

  // A third player finds the room full (cap 2 in this test) and sees the typed refusal.
  const cleo = await open(browser, 'Cleo')
  const main = cleo.page.locator('li[data-room="main"]')
  await expect(main.getByTestId('room-count')).toContainText('2 / 2')
  await expect(main).toContainText('full')
  await cleo.page.getByRole('button', { name: 'Join Main arena' }).click()
  await expect(cleo.page.getByTestId('lobby-alert')).toHaveText(
    'Main arena is full (2 players). Pick another room or create one.',
  )
  await expect(cleo.page.getByTestId('lobby-alert')).toHaveAttribute('data-reason', 'ROOM_FULL')
  await cleo.page.screenshot({ path: shots('03-room-full') })
  await cleo.context.close()

  // Ada's network is cut: she sees it herself at once; Bob sees her "reconnecting" once the server notices.
  const score = Number(await row(bob.page, 'Ada').locator('.score').textContent())
  await ada.context.setOffline(true)
  await expect(ada.page.getByTestId('connection-banner')).toHaveText('Connection lost. Reconnecting…')
  await expect(row(bob.page, 'Ada')).toHaveAttribute('data-status', 'reconnecting', { timeout: 20_000 })
  await expect(row(bob.page, 'Ada').getByTestId('reconnecting')).toHaveText('reconnecting…')
  await bob.page.screenshot({ path: shots('04-reconnecting') })
  await ada.page.screenshot({ path: shots('05-connection-lost') })

  // Back online within the grace period: same seat, same score, and Bob sees her playing again.
  await ada.context.setOffline(false)
  await expect(ada.page.getByTestId('connection-banner')).toHaveText(
    'Back in the game: your score is safe.',
    {
      timeout: 20_000,
    },
  )
  await expect(row(bob.page, 'Ada')).toHaveAttribute('data-status', 'playing')
  await expect(row(bob.page, 'Ada').locator('.score')).toHaveText(String(score))
  await expect(row(ada.page, 'Ada').locator('.score')).toHaveText(String(score))
  // And she plays on: her moves reach Bob again.
  const before = (await view(bob.page)).players.find((player) => player.slot === adaSlot)!
  const back = before.y > 500 ? 'ArrowUp' : 'ArrowDown'
  await ada.page.keyboard.down(back)
  await expect
    .poll(async () =>
      Math.abs((await view(bob.page)).players.find((player) => player.slot === adaSlot)!.y - before.y),
    )
    .toBeGreaterThan(20)
  await ada.page.keyboard.up(back)
  await ada.page.screenshot({ path: shots('06-back') })

  await ada.context.close()
  await bob.context.close()
})
