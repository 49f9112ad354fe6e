import { expect, test, type Browser, type Page } from '@playwright/test'

// Test artifacts (gitignored); copies of the latest ones are kept in ../screenshots for the README.
const shots = 'test-results/screenshots'

async function open(browser: Browser, doc: string, name: string, color: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1180, height: 720 } })
  const page = await context.newPage()
  await page.goto(`/?doc=${doc}&name=${encodeURIComponent(name)}&color=${encodeURIComponent(color)}`)
  await expect(page.getByTestId('connection')).toHaveAttribute('data-synced', 'true')
  return page
}

const text = (page: Page): Promise<string> => page.evaluate(() => (window as any).__collab.text() as string)
const editorValue = (page: Page): Promise<string> => page.getByTestId('editor').inputValue()

test('two people edit at once, one offline, a late joiner sees everything', async ({ browser }) => {
  const doc = `e2e-${Date.now()}`
  const ana = await open(browser, doc, 'Ana', '#e5484d')
  const ben = await open(browser, doc, 'Ben', '#0090ff')

  // Each sees the other in the presence list.
  await expect(ana.getByTestId('presence').locator('li[data-name="Ben"]')).toBeVisible()
  await expect(ben.getByTestId('presence').locator('li[data-name="Ana"]')).toBeVisible()

  // Both type at the same time.
  await ana.getByTestId('editor').click()
  await ana.keyboard.type('Hello from Ana.\n')
  await expect.poll(() => text(ben)).toContain('Hello from Ana.')
  await ben.getByTestId('editor').click()
  await ben.keyboard.press('Control+End')
  await Promise.all([
    ana.keyboard.type('Ana types a second line.\n', { delay: 15 }),
    ben.keyboard.type('Ben writes here too.', { delay: 15 }),
  ])
  await expect
    .poll(
      async () =>
        (await text(ana)) === (await text(ben)) && (await text(ana)).includes('Ben writes here too.'),
    )
    .toBe(true)
  const merged = await text(ana)
  expect(merged).toContain('Ana types a second line.')
  expect(merged).toContain('Ben writes here too.')
  expect(await editorValue(ana)).toBe(merged)
  expect(await editorValue(ben)).toBe(merged)

  // Presence shows the other's caret position.
  await expect(ana.locator('li[data-name="Ben"] small')).toContainText(/line \d+, col \d+/)
  await expect(ana.locator('.caret[data-peer="Ben"] .caret-label')).toBeVisible()
  await ana.screenshot({ path: `${shots}/01-two-editors-ana.png` })
  await ben.screenshot({ path: `${shots}/02-two-editors-ben.png` })

  // Ben goes offline (Chromium's offline mode cuts the WebSocket), edits; Ana edits meanwhile.
  await ben.context().setOffline(true)
  await expect(ben.getByTestId('connection')).toHaveAttribute('data-status', /reconnecting|disconnected/)
  await expect(ana.getByTestId('presence').locator('li[data-name="Ben"]')).toHaveCount(0)
  await ben.getByTestId('editor').focus()
  await ben.keyboard.press('Control+Home')
  await ben.keyboard.type('[offline edit by Ben] ')
  await ana.getByTestId('editor').focus()
  await ana.keyboard.press('Control+End')
  await ana.keyboard.type('Ana kept writing while Ben was away.')
  await expect.poll(() => text(ana)).toContain('Ana kept writing')
  expect(await text(ana)).not.toContain('[offline edit by Ben]')
  expect(await text(ben)).not.toContain('Ana kept writing')
  await ben.screenshot({ path: `${shots}/03-ben-offline.png` })

  // Back online: both sides merge.
  await ben.context().setOffline(false)
  await expect(ben.getByTestId('connection')).toHaveAttribute('data-synced', 'true')
  for (const page of [ana, ben]) {
    await expect.poll(() => text(page)).toContain('[offline edit by Ben]')
    await expect.poll(() => text(page)).toContain('Ana kept writing while Ben was away.')
  }
  const final = await text(ana)
  expect(await text(ben)).toBe(final)
  expect(await editorValue(ben)).toBe(final)
  expect(final.startsWith('[offline edit by Ben] Hello from Ana.')).toBe(true)
  await expect(ana.getByTestId('presence').locator('li[data-name="Ben"]')).toBeVisible()

  // A third person joins late and sees the whole document and both others.
  const cleo = await open(browser, doc, 'Cleo', '#30a46c')
  await expect.poll(() => editorValue(cleo)).toBe(final)
  await expect(cleo.getByTestId('presence').locator('li')).toHaveCount(3)
  await cleo.getByTestId('editor').click()
  await cleo.keyboard.press('Control+End')
  await cleo.keyboard.type('\nCleo says hi.')
  for (const page of [ana, ben]) await expect.poll(() => text(page)).toContain('Cleo says hi.')
  await expect(ana.locator('li[data-name="Cleo"]')).toBeVisible()
  await ana.screenshot({ path: `${shots}/04-three-people-ana.png` })
  await cleo.screenshot({ path: `${shots}/05-late-joiner-cleo.png` })

  for (const page of [ana, ben, cleo]) await page.context().close()
})

test('a remote edit before my caret keeps my caret on the same character', async ({ browser }) => {
  const doc = `caret-${Date.now()}`
  const ana = await open(browser, doc, 'Ana', '#e5484d')
  const ben = await open(browser, doc, 'Ben', '#0090ff')
  await ana.getByTestId('editor').click()
  await ana.keyboard.type('0123456789')
  await expect.poll(() => editorValue(ben)).toBe('0123456789')
  await ana.getByTestId('editor').evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5))
  await ana.keyboard.press('Shift+ArrowRight')
  await ana.keyboard.press('Shift+ArrowLeft')

  await ben.getByTestId('editor').click()
  await ben.keyboard.press('Control+Home')
  await ben.keyboard.type('ABC')
  await expect.poll(() => editorValue(ana)).toBe('ABC0123456789')
  await expect(ben.locator('li[data-name="Ana"] small')).toContainText('line 1, col 9')
  await ana.keyboard.type('x')
  for (const page of [ana, ben]) await expect.poll(() => editorValue(page)).toBe('ABC01234x56789')
  await ana.screenshot({ path: `${shots}/06-caret-kept.png` })
  for (const page of [ana, ben]) await page.context().close()
})
