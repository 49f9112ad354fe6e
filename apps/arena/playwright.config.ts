import { defineAppConfig, freePort } from '../../tooling/playwright.base'

// A free port of its own (other apps may test at the same time); override with ARENA_E2E_PORT.
const port = freePort('ARENA_E2E_PORT')

export default defineAppConfig('arena', {
  timeout: 90_000,
  use: { baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    // The production server on one port; builds the client first when dist/client is missing (CI's root
    // `pnpm run build` has built it already). Rooms hold 2 players here, to test a full room with three.
    command: 'test -f dist/client/index.html || pnpm run build && pnpm run start',
    url: `http://127.0.0.1:${port}/api/stats`,
    env: { PORT: String(port), ARENA_MAX_PLAYERS: '2', ARENA_GRACE_MS: '30000' },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
