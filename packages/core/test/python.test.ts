import { execFile, execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { defineContract } from '../src/index'
import { startServer } from './helpers'

// The Python client example of docs/protocol.md, run word for word (only the URL changes) against a real
// Volley server with Debian's python3-socketio, which scripts/bootstrap.sh installs for the test suite.
const PYTHON = '/usr/bin/python3'
const available = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import socketio, websocket'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const protocol = readFileSync(fileURLToPath(new URL('../../../docs/protocol.md', import.meta.url)), 'utf8')
const example = /## Example: a Python client\s+```python\n([\s\S]*?)```/.exec(protocol)?.[1]

const contract = defineContract({
  clientToServer: {
    'message:send': {
      payload: z.object({ room: z.string(), text: z.string().min(1) }),
      ack: z.object({ id: z.string(), at: z.number() }),
    },
  },
  serverToClient: { 'message:new': { payload: z.object({ id: z.string(), text: z.string() }) } },
  auth: z.object({ token: z.literal('secret') }),
  subscriptions: {
    'room:messages': {
      params: z.object({ room: z.string() }),
      item: z.object({ id: z.string(), text: z.string() }),
    },
  },
  presence: { room: { params: z.object({ room: z.string() }), meta: z.object({ name: z.string() }) } },
})

describe('the Python client example of docs/protocol.md', () => {
  it('is in the document', () => {
    expect(example).toContain('socketio.Client()')
  })

  // Needs python3-socketio (Debian); scripts/bootstrap.sh --system installs it for `npm run test:all`.
  it.skipIf(!available)(
    'runs against a real Volley server: request, idempotent request, subscription, presence',
    async () => {
      const { io, url } = await startServer(contract)
      io.subscription('room:messages')
      const rooms = io.presence('room')
      const texts: string[] = []
      io.on('connection', (socket) =>
        socket.on('message:send', async ({ room, text }) => {
          texts.push(text)
          const message = { id: `m-${texts.length}`, text }
          socket.emit('message:new', message)
          await io.publish('room:messages', { room }, message)
          return { id: message.id, at: Date.now() }
        }),
      )
      const script = example!.replace('http://localhost:3000', url)
      const output = await new Promise<string>((resolve, reject) =>
        execFile(PYTHON, ['-c', script], { timeout: 30_000 }, (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
        ),
      )
      const lines = output.trim().split('\n')
      expect(lines).toContain('sent m-1')
      expect(lines).toContain('sent once m-2')
      expect(lines).toContain('hi')
      expect(lines.filter((line) => line.startsWith('replayed '))).toEqual([
        expect.stringMatching(/^replayed \S+ \{'id': 'm-1', 'text': 'hi'\}$/),
        expect.stringMatching(/^replayed \S+ \{'id': 'm-2', 'text': 'once'\}$/),
      ])
      // The idempotent request was sent twice and ran once.
      expect(texts).toEqual(['hi', 'once'])
      // It joined the presence with its meta; it left when it disconnected.
      expect(lines).toContain("present ['Py']")
      await vi.waitFor(async () => expect(await rooms.list({ room: 'lobby' })).toEqual([]), {
        timeout: 10_000,
      })
    },
  )
})
