import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient } from '@volley/core/client'
import { createServer } from '@volley/core/server'
import { createBenchContract, ROOM, TEXT } from './contract'
import { now, within } from './stats'

/** What one replay run measured. */
export interface ReplayResult {
  /** Items the client missed and got back. */
  readonly items: number
  /** Milliseconds from `client.connect()` to the last missed item handed to `onItems`. */
  readonly durationMs: number
  /** Items received more than once, out of order, or not at all. */
  readonly errors: number
}

/**
 * Replay after a reconnect: one client subscribes to `ticks`, disconnects, the server publishes `items`
 * ticks (kept: retention 10,000), and the client connects again. Measures the time until its `onItems`
 * has every missed item, in order.
 *
 * @example
 * const { durationMs } = await runReplay({ items: 10_000 })
 * @param options - how many items, and the client's `validateIncoming`
 * @returns the run's figures
 */
export async function runReplay(options: {
  readonly items: number
  readonly clientValidation?: 'always' | 'never'
}): Promise<ReplayResult> {
  const http = createHttpServer()
  const io = createServer(createBenchContract(), {
    transports: ['websocket'],
    serveClient: false,
    logger: false,
  })
  io.subscription('ticks', { retention: { count: Math.max(10_000, options.items) } })
  io.attach(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const client = createClient(createBenchContract(), url, {
    transports: ['websocket'],
    reconnection: false,
    logger: false,
    validateIncoming: options.clientValidation ?? 'always',
  })
  try {
    const seen: number[] = []
    let done: () => void = () => {}
    const subscription = client.subscribe(
      'ticks',
      { room: ROOM },
      {
        onItems: (items) => {
          for (const item of items) seen.push(item.seq)
          if (seen.length >= options.items) done()
        },
      },
    )
    await within(
      new Promise<void>((resolve) => {
        const off = subscription.subscribe(
          () => subscription.getSnapshot().status === 'live' && (off(), resolve()),
        )
      }),
      10_000,
      'subscribing',
    )
    client.disconnect()
    for (let seq = 0; seq < options.items; seq += 1) {
      await io.publish('ticks', { room: ROOM }, { seq, room: ROOM, text: TEXT, at: Date.now() })
    }
    const all = new Promise<void>((resolve) => (done = resolve))
    const start = now()
    client.connect()
    await within(all, 30_000, `replaying ${options.items} items`)
    const durationMs = now() - start
    const errors = seen.filter((seq, index) => seq !== index).length + Math.abs(seen.length - options.items)
    return { items: options.items, durationMs, errors }
  } finally {
    client.disconnect()
    await io.close()
  }
}
