import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, expect, it } from 'vitest'
import { createClient } from '@volley/core/client'
import { z } from 'zod'
import { defineContract } from '@volley/core'
import type { ListenResult } from '../src/index'

/** The quick start's contract, restated for a typed client. */
const mirror = defineContract({
  clientToServer: { whoami: { payload: z.object({}), ack: z.object({ name: z.string() }) } },
  serverToClient: { notice: { payload: z.object({ text: z.string() }) } },
})

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
const quickStart = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
const file = fileURLToPath(new URL('./.quickstart.generated.ts', import.meta.url))
afterEach(() => rmSync(file, { force: true }))

it('runs the README quick start: login over REST, the session on the socket, a typed REST emit', async () => {
  expect(quickStart).toContain('shareMiddleware(io, sessionMiddleware)')
  writeFileSync(file, quickStart.replace("from '@volley/express'", "from '../src/index'"))
  process.env.PORT = '0'
  const log = console.log
  console.log = () => {}
  const { server } = (await import(/* @vite-ignore */ file)) as { server: ListenResult }
  console.log = log
  try {
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ada' }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const client = createClient(mirror, server.url, {
      transports: ['websocket'],
      extraHeaders: { cookie },
      logger: false,
    })
    await expect(client.request('whoami', {})).resolves.toEqual({ name: 'ada' })
    const notice = new Promise((resolve) => client.on('notice', resolve))
    await fetch(`${server.url}/api/notice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"hi"}',
    })
    await expect(notice).resolves.toEqual({ text: 'hi' })
    client.disconnect()
  } finally {
    await server.close()
  }
})
