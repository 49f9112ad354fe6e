import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

describe('README quick start', () => {
  it('runs as written: the server acks, broadcasts, and the client refuses an invalid message', async () => {
    const { stdout } = await promisify(execFile)('pnpm', ['run', '--silent', 'start'], {
      cwd: root,
      timeout: 60_000,
    })
    expect(stdout).toMatch(/\[server\] Volley listening on http:\/\/localhost:\d+/)
    expect(stdout).toMatch(/\[client\] message:new "hi"/)
    expect(stdout).toMatch(/\[client\] ack: [0-9a-f-]{36}/)
    expect(stdout).toMatch(/\[server\] someone is typing in lobby/)
    expect(stdout).toMatch(/\[client\] VALIDATION_FAILED: Invalid payload for "message:send" at text/)
    expect(stdout.trim().endsWith('done')).toBe(true)
  })
})

describe('README code', () => {
  it.each(['src/contract.ts', 'src/server.ts', 'src/client.ts'])(
    '%s stands word for word in the root and the core README',
    (file) => {
      const code = readFileSync(join(root, file), 'utf8').trim()
      for (const readme of ['../../README.md', '../../packages/core/README.md']) {
        expect(readFileSync(join(root, readme), 'utf8')).toContain(code)
      }
    },
  )
})
