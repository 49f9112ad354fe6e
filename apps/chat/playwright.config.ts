import { defineAppConfig } from '../../tooling/playwright.base'

// A port of our own (tests of other apps run at the same time); override with CHAT_E2E_PORT. It is stored in
// the environment so Playwright's worker processes (which load this file again, with other pids) agree.
process.env.CHAT_E2E_PORT ??= String(40000 + (process.pid % 10000))
const port = Number(process.env.CHAT_E2E_PORT)

export default defineAppConfig('chat', {
  use: { baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    // The production server on one port; builds the client first when dist/client is missing.
    command: 'test -f dist/client/index.html || pnpm run build && pnpm run start',
    url: `http://127.0.0.1:${port}/api/me`,
    env: { PORT: String(port), SESSION_SECRET: 'e2e' },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
