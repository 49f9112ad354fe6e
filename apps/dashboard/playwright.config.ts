import { existsSync } from 'node:fs'
import { defineAppConfig, freePort } from '../../tooling/playwright.base'

// The production server on a free port of its own (other apps may test at the same time). It reuses the
// build CI made (`pnpm run build` runs before the browser tests); it builds only when that is missing.
const port = freePort('DASHBOARD_E2E_PORT')
const built =
  existsSync(new URL('./.next/BUILD_ID', import.meta.url)) &&
  existsSync(new URL('./dist/server/main.js', import.meta.url))

const sessionSecret = 'the e2e secret of Launch Control, 32+ characters'

export default defineAppConfig('dashboard', {
  timeout: 120_000,
  use: { baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `${built ? '' : 'pnpm exec turbo run build --filter=@volley/dashboard... --output-logs=errors-only && '}pnpm run start`,
    url: `http://127.0.0.1:${port}/login`,
    // TRAFFIC=off: the generator starts stopped, so the figures move only when a test moves them.
    env: { PORT: String(port), SESSION_SECRET: sessionSecret, TRAFFIC: 'off' },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
