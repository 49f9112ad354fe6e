import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import { createArenaServer, type ArenaServerOptions } from '../server/createArenaServer'
import { connect, newToken, type ArenaClient } from '../src/connection'
import type { Snapshot } from '../shared/snapshotCodec'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Runs `cleanup` after the current test. */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup)
}

/** A seeded random source (mulberry32), so rooms place orbs and players the same way every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A real arena server on a free port of 127.0.0.1, its loop running; closed after the test. */
export async function startArena(options: ArenaServerOptions = {}) {
  const arena = createArenaServer({ logger: false, random: seeded(1), ...options })
  const http = createHttpServer()
  arena.io.attach(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  arena.start()
  onCleanup(() => arena.close())
  return { arena, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` }
}

/** A real arena client (the browser's own `connect`: msgpack parser, token in `auth`), connected. */
export async function player(url: string, token = newToken()): Promise<ArenaClient & { token: string }> {
  const client = connect(token, url)
  onCleanup(() => client.disconnect())
  await until(() => client.getSnapshot().status === 'connected', 'the client to connect')
  return Object.assign(client, { token })
}

/** Waits until `check` is true (polling), or fails saying what it waited for. */
export async function until(check: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** Records the snapshots a client receives, with their arrival times. */
export function recordSnapshots(client: ArenaClient): {
  snapshots: Snapshot[]
  times: number[]
  stop: () => void
} {
  const snapshots: Snapshot[] = []
  const times: number[] = []
  const stop = client.on('snapshot', (snapshot) => {
    snapshots.push(snapshot)
    times.push(performance.now())
  })
  return { snapshots, times, stop }
}

/** Joins a room and returns the seat, failing the test on a refusal. */
export async function join(client: ArenaClient, room = 'main', name = 'Tester') {
  const result = await client.request('room:join', { room, name })
  if (result.status !== 'joined') throw new Error(`join refused: ${result.message}`)
  return result
}
