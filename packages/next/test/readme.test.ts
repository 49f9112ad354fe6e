// Runs the README quick start as a user would: its files in a directory, `tsx server.ts --dev` as a process.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { connect as connectTcp } from 'node:net'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { defineContract } from '@volley/core'
import { z } from 'zod'
import type { SessionCookie } from '../src/index'
import { connect, firstMessage, freePort, openWebSocket, outcome, sleep } from './helpers'

const here = fileURLToPath(new URL('.', import.meta.url))
const dir = join(here, '.quickstart')
const packages = join(here, '..', '..')
const readme = readFileSync(join(here, '..', 'README.md'), 'utf8')
const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## How it works'))
/** The quick start's code blocks, by the file named on their first line (`// app/page.tsx`). */
const files = [...quickStart.matchAll(/```tsx?\n\/\/ ([\w./-]+)[^\n]*\n([\s\S]*?)```/g)].map(
  ([, path, code]) => ({
    path: path!,
    code: code!,
  }),
)

const source = (from: string, to: string): string => {
  const path = relative(dirname(join(dir, from)), join(packages, to))
  return path.startsWith('.') ? path : `./${path}`
}

let child: ChildProcess
let url: string
let output = ''
let exited: Promise<number | null>
let earlyHmr: Promise<WebSocket>

beforeAll(async () => {
  expect(files.map((file) => file.path)).toEqual([
    'contract.ts',
    'session.ts',
    'server.ts',
    'app/api/notes/route.ts',
    'app/actions.ts',
    'app/volley.ts',
    'app/layout.tsx',
    'app/page.tsx',
    'app/Notes.tsx',
  ])
  rmSync(dir, { recursive: true, force: true })
  for (const { path, code } of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    // The package is not installed here: point its imports at the source.
    const local = code
      .replace("'@volley/next/server'", `'${source(path, 'next/src/server/index.ts')}'`)
      .replace("'@volley/next'", `'${source(path, 'next/src/index.ts')}'`)
    writeFileSync(join(dir, path), local)
  }
  // Turbopack resolves only the standard export conditions: route code reads the packages' source too.
  writeFileSync(
    join(dir, 'next.config.mjs'),
    `export default ${JSON.stringify({
      turbopack: {
        root: join(packages, '..'),
        resolveAlias: {
          '@volley/core/client': source('x', 'core/src/client/index.ts'),
          '@volley/core': source('x', 'core/src/index.ts'),
          '@volley/react': source('x', 'react/src/index.ts'),
        },
      },
    })}\n`,
  )
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  process.env.SESSION_SECRET = 'the secret of the README test, 32+ characters'
  const tsx = createRequire(import.meta.url).resolve('tsx/cli')
  child = spawn(process.execPath, [tsx, '--conditions=@volley/source', 'server.ts', '--dev'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), NODE_ENV: 'development', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk))
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk))
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
  // Like a tab reconnecting after a restart: the HMR websocket asks as soon as the port is open, before
  // any HTTP request of ours.
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connectTcp(port, '127.0.0.1', () => resolve(true)).on('error', () => resolve(false))
      socket.unref()
      setTimeout(() => socket.destroy(), 100)
    })
    if (open) break
    if (child.exitCode !== null) throw new Error(`server.ts exited:\n${output}`)
    await sleep(50)
  }
  earlyHmr = openWebSocket(`${url.replace('http', 'ws')}/_next/hmr`)
  while (!output.includes('> Ready on')) {
    if (child.exitCode !== null) throw new Error(`server.ts exited:\n${output}`)
    await sleep(50)
  }
}, 120_000)

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL')
  if (!process.env.KEEP_QUICKSTART) rmSync(dir, { recursive: true, force: true })
})

/** The quick start's contract, restated for typed clients (the generated files are not there to type check). */
const quickStartContract = defineContract({
  clientToServer: {
    'note:add': { payload: z.object({ text: z.string() }), ack: z.object({ id: z.string() }) },
  },
  serverToClient: {
    'note:new': { payload: z.object({ id: z.string(), text: z.string(), by: z.string() }) },
  },
})
const mirror = async () => {
  await import(join(dir, 'contract.ts')) // the README's own file loads
  return { contract: quickStartContract }
}
/** A session cookie, signed by the README's own session.ts. */
const cookie = async (name: string) => {
  const { session } = (await import(join(dir, 'session.ts'))) as { session: SessionCookie<{ name: string }> }
  return `${session.name}=${await session.seal({ name })}`
}

it('opens the HMR websocket that asked before any HTTP request', async () => {
  const hmr = await earlyHmr
  expect(await firstMessage(hmr)).toMatch(/"type"/)
})

it('connects a socket with the session cookie and refuses one without', async () => {
  const { contract } = await mirror()
  const client = connect(contract, url, { cookie: await cookie('Ada') })
  expect(await outcome(client)).toBe('connected')
  const received = new Promise((resolve) => client.on('note:new', resolve))
  await expect(client.request('note:add', { text: 'hi' })).resolves.toEqual({ id: expect.any(String) })
  await expect(received).resolves.toMatchObject({ text: 'hi', by: 'Ada' })
  const refused = await outcome(connect(contract, url))
  expect((refused as { data?: { code?: string } }).data?.code).toBe('UNAUTHORIZED')
})

it('emits from the Route Handler and refuses a bad body with 400 and the issues', async () => {
  const { contract } = await mirror()
  const client = connect(contract, url, { cookie: await cookie('Grace') })
  expect(await outcome(client)).toBe('connected')
  const received = new Promise((resolve) => client.on('note:new', resolve))
  const ok = await fetch(`${url}/api/notes`, {
    method: 'POST',
    body: JSON.stringify({ text: 'deploy done' }),
  })
  expect(await ok.json()).toEqual({ ok: true, data: { id: expect.any(String) } })
  await expect(received).resolves.toMatchObject({ text: 'deploy done', by: 'a webhook' })
  const bad = await fetch(`${url}/api/notes`, { method: 'POST', body: JSON.stringify({ text: '' }) })
  expect(bad.status).toBe(400)
  expect(await bad.json()).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION_FAILED', issues: [{ path: ['text'] }] },
  })
})

it('server-renders the page with the client island (no connection on the server)', async () => {
  const page = await fetch(`${url}/`)
  const html = await page.text()
  expect(page.status).toBe(200)
  expect(html).toContain('<h1>Notes</h1>')
  expect(html).toContain('Connection: <!-- -->disconnected')
})

it('shuts down on SIGTERM (Volley, then HTTP, then Next) and exits with code 0', async () => {
  const { contract } = await mirror()
  const client = connect(contract, url, { cookie: await cookie('Linus') })
  expect(await outcome(client)).toBe('connected')
  const disconnected = new Promise((resolve) => client.raw.once('disconnect', resolve))
  const hmr = await openWebSocket(`${url.replace('http', 'ws')}/_next/hmr`)
  const hmrClosed = new Promise((resolve) => hmr.once('close', resolve))
  child.kill('SIGTERM')
  await expect(exited).resolves.toBe(0)
  await disconnected
  await hmrClosed
  expect(output).toContain('[volley] shutting down: Volley, then HTTP, then Next')
  expect(output).not.toMatch(/did not close within|shutdown failed/)
})
