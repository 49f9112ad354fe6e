import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SubscriptionGap } from '../src/client/index'
import { feed } from './fixtures'
import { connectClient, connected, until } from './helpers'

const server = fileURLToPath(new URL('./fixtures/feed-server.ts', import.meta.url))
// `--import tsx` resolves from the working directory: this package's, wherever vitest runs from.
const packageDir = fileURLToPath(new URL('..', import.meta.url))
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

/** Starts the feed server in a child process; resolves to its port. */
function startProcess(port = 0): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', server], {
    cwd: packageDir,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stderr!.on('data', (data: Buffer) => void (output += data.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      reject(new Error(`the server exited (${code ?? signal}) before listening: ${output}`)),
    )
    let line = ''
    child.stdout!.on('data', (data: Buffer) => {
      line += data.toString()
      if (line.includes('\n')) resolve({ port: Number(line.trim()), child })
    })
  })
}

describe('a server restart', () => {
  it("gives a subscribed client a 'reset' gap, then the new server's items", async () => {
    const first = await startProcess()
    const url = `http://127.0.0.1:${first.port}`
    const client = connectClient(feed, url, { reconnectionDelay: 100, reconnectionDelayMax: 200 })
    const items: number[] = []
    const gaps: SubscriptionGap[] = []
    const subscription = client.subscribe(
      'room:messages',
      { room: 'lobby' },
      {
        onItems: (batch) => void items.push(...batch.map((item) => item.n)),
        onGap: (gap) => void gaps.push(gap),
      },
    )
    await until(subscription, (s) => s.status === 'live')
    for (const n of [1, 2, 3]) await client.request('post', { room: 'lobby', n })
    await vi.waitFor(() => expect(items).toEqual([1, 2, 3]))
    const before = subscription.cursor

    first.child.kill('SIGKILL')
    await until(client, (s) => s.status === 'reconnecting')
    await startProcess(first.port)
    await connected(client)
    await until(subscription, (s) => s.status === 'live')
    expect(gaps).toEqual([{ reason: 'reset', cursor: before }])
    for (const n of [4, 5]) await client.request('post', { room: 'lobby', n })
    await vi.waitFor(() => expect(items).toEqual([1, 2, 3, 4, 5]))
    expect(subscription.cursor).not.toBe(before)
  })
})
