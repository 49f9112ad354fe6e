import { defineAppConfig, freePort } from '../../tooling/playwright.base'

// A free port of its own (other apps may test at the same time); override with CHAT_E2E_PORT.
const port = freePort('CHAT_E2E_PORT')

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
