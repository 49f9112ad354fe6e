// Shared Playwright settings for every app's end-to-end tests: Debian's chromium, never a downloaded
// browser, and a JSON report in <repo>/.reports/e2e-<app>.json that scripts/summarize.mjs counts.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type PlaywrightTestConfig } from '@playwright/test'

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A Playwright config for one app: headless Debian chromium, list + JSON reporters, artifacts under the app. */
export function defineAppConfig(app: string, config: PlaywrightTestConfig = {}): PlaywrightTestConfig {
  return defineConfig({
    testDir: './e2e',
    outputDir: './test-results',
    timeout: 60_000,
    expect: { timeout: 15_000 },
    fullyParallel: false,
    workers: 1,
    retries: 0,
    forbidOnly: true,
    reporter: [['list'], ['json', { outputFile: join(repoRoot, '.reports', `e2e-${app}.json`) }]],
    ...config,
    use: {
      browserName: 'chromium',
      launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
      screenshot: 'only-on-failure',
      trace: 'off',
      ...config.use,
    },
  })
}
