// Shared Playwright settings for every app's end-to-end tests: Debian's chromium, never a downloaded
// browser, and a JSON report in <repo>/.reports/e2e-<app>.json that scripts/summarize.mjs counts.
import { execFileSync } from 'node:child_process'
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

/**
 * A free port for an app's server, asked of the OS once in the runner and kept in `process.env[name]`, so
 * Playwright's worker processes (which load the config again) agree on it. Set the variable to override.
 */
export function freePort(name: string): number {
  process.env[name] ??= execFileSync(process.execPath, [
    '-e',
    "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close() })",
  ])
    .toString()
    .trim()
  return Number(process.env[name])
}
