import { existsSync } from 'node:fs'
import { defineAppConfig, freePort } from '../../tooling/playwright.base'

const port = freePort('E2E_PORT')
const build = existsSync(new URL('./dist/index.html', import.meta.url)) ? '' : 'pnpm exec vite build && '

export default defineAppConfig('collab', {
  timeout: 90_000,
  use: { baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: `${build}pnpm exec tsx --conditions=@volley/source server/main.ts`,
    url: `http://127.0.0.1:${port}`,
    env: { PORT: String(port), NODE_ENV: 'production' },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
})
