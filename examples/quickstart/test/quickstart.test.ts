import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

describe('README quick start', () => {
  it('runs as written: the server acks, broadcasts, and refuses an invalid message', async () => {
    const { stdout } = await promisify(execFile)('pnpm', ['run', '--silent', 'start'], {
      cwd: root,
      timeout: 60_000,
    })
    expect(stdout).toMatch(/ack: id=[0-9a-f-]{36} at=\d{4}-\d\d-\d\dT.*round trip [\d.]+ ms/)
    expect(stdout).toMatch(/message:new lobby "hi"/)
    expect(stdout).toMatch(/refused: VALIDATION_FAILED: Invalid payload for "message:send" at text/)
    expect(stdout.trim().endsWith('done')).toBe(true)
  })
})

describe('README code', () => {
  it('shows the contract of this example word for word, in the root and the core README', () => {
    const contract = readFileSync(join(root, 'src/contract.ts'), 'utf8').trim()
    for (const readme of ['../../README.md', '../../packages/core/README.md']) {
      expect(readFileSync(join(root, readme), 'utf8')).toContain(contract)
    }
  })
})
