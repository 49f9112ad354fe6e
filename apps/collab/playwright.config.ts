import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'

// Same settings as tooling/playwright.base.ts (Debian chromium, list + JSON reporters). That file cannot be
// imported from here yet: it imports '@playwright/test', which the repository root does not declare, so
// Node cannot resolve it from tooling/. Switch to `defineAppConfig('collab', ...)` once the root has it.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
// A free port, asked of the OS once in the runner (workers inherit it through the environment).
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close() })",
])
  .toString()
  .trim()
const port = Number(process.env.E2E_PORT)
const build = existsSync(new URL('./dist/index.html', import.meta.url)) ? '' : 'pnpm exec vite build && '

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: join(repoRoot, '.reports', 'e2e-collab.json') }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: `${build}pnpm exec tsx --conditions=@volley/source server/main.ts`,
    url: `http://127.0.0.1:${port}`,
    env: { PORT: String(port), NODE_ENV: 'production' },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
})
