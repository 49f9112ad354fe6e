import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test'

// Test artifacts (gitignored); copies of the latest ones are kept in ../screenshots for the README.
export const shot = (name: string): string => `test-results/screenshots/${name}.png`

export interface Viewer {
  readonly name: string
  readonly context: BrowserContext
  readonly page: Page
  /** Console errors and page errors seen so far. */
  readonly errors: string[]
}

/** A browser context of its own, signed in through the sign-in form (a Server Action), on the dashboard. */
export async function signIn(
  browser: Browser,
  baseURL: string,
  name: string,
  onPage?: (page: Page) => void,
): Promise<Viewer> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } })
  // Asks the page to count its renders (useRenderCount counts only when this is defined before it loads).
  await context.addInitScript(() => (window.__renders = {}))
  const page = await context.newPage()
  onPage?.(page)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    // Requests that fail while a test has taken the context offline are expected.
    if (message.type() === 'error' && !message.text().includes('ERR_INTERNET_DISCONNECTED')) {
      errors.push(`console: ${message.text()}`)
    }
  })
  await page.goto('/login')
  await page.getByLabel('Display name').fill(name)
  await page.getByRole('button', { name: 'Open the dashboard' }).click()
  await expect(page.getByTestId('me')).toHaveText(name)
  await expect(connection(page)).not.toHaveAttribute('data-socket-id', '')
  return { name, context, page, errors }
}

export const connection = (page: Page) => page.getByTestId('connection-banner')
export const kpi = (page: Page, metric: string) => page.getByTestId(`kpi-${metric}`)

/** The number a KPI shows (its `data-value`). */
export async function kpiValue(page: Page, metric: string): Promise<number> {
  return Number(await kpi(page, metric).getAttribute('data-value'))
}

/** Records, in the page, when a KPI's value next changes (wall clock, ms): read it with `changedAt`. */
export async function watchKpi(page: Page, metric: string): Promise<void> {
  await page.evaluate((testId) => {
    const element = document.querySelector(`[data-testid="${testId}"]`)!
    const record = window as unknown as { __changedAt?: Record<string, number> }
    record.__changedAt = { ...record.__changedAt }
    delete record.__changedAt[testId]
    new MutationObserver((_, observer) => {
      record.__changedAt![testId] = Date.now()
      observer.disconnect()
    }).observe(element, { attributes: true, attributeFilter: ['data-value'] })
  }, `kpi-${metric}`)
}

export async function changedAt(page: Page, metric: string): Promise<number | undefined> {
  return page.evaluate(
    (testId) => (window as unknown as { __changedAt?: Record<string, number> }).__changedAt?.[testId],
    `kpi-${metric}`,
  )
}

/** The render counts of the live components (`window.__renders`). */
export async function renders(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({ ...window.__renders }))
}
