import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { defineAppConfig } from '../../tooling/playwright.base'

// A free port, asked of the OS once in the runner (workers load this file again and inherit it through the
// environment).
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close() })",
])
  .toString()
  .trim()
const port = Number(process.env.E2E_PORT)
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
