import { RawSocket } from '../wire/rawSocket'
import type { ServerConfig } from './serverProtocol'
import { spawnServer, type SoakServer } from './spawnServer'
import { median } from './stats'

/** One kind of message whose server cost is measured, on one of the servers below. */
export interface CostCase {
  readonly name: string
  readonly server: 'raw' | 'volley'
  /** The frame sent, fire and forget (no ack id). */
  readonly frame: string
  /** Frames sent first, unmeasured (to empty the socket's `rateLimit` bucket). Defaults to `0`. */
  readonly drain?: number
}

/** Server CPU per message (median over rounds) and default-logger bytes per message. */
export interface CostResult {
  readonly name: string
  readonly microseconds: number
  /** Median over rounds of (this case - accepted) in the same round, in µs. */
  readonly overAccepted: number
  readonly logBytesPerMessage: number
}

const valid = '{"x":1,"y":2}'

/** Tokens of the socket-wide `rateLimit` on the Volley server: more than any other case sends on one socket. */
const RATE_LIMIT_POINTS = 50_000

/**
 * The servers: raw socket.io; Volley with `e0` limited to one message ever (`rate`), `e1` capped at 16
 * bytes (`maxBytes`), and a socket-wide `rateLimit` that only the rate-limit case exhausts (so every case,
 * accepted included, pays for the check). Escalation is off so that floods are not cut short, and Volley
 * logs with its default console logger (stderr is counted).
 */
const servers: Record<CostCase['server'], ServerConfig> = {
  raw: { target: 'raw', extraEvents: 2 },
  volley: {
    target: 'volley',
    extraEvents: 2,
    volley: {
      rateLimit: { points: RATE_LIMIT_POINTS, duration: 1e12 },
      limits: {
        escalation: false,
        events: { e0: { rate: { points: 1, duration: 1e9 } }, e1: { maxBytes: 16 } },
      },
    },
  },
}

const cases: CostCase[] = [
  { name: 'raw: accepted', server: 'raw', frame: `42["input",${valid}]` },
  { name: 'volley: accepted', server: 'volley', frame: `42["input",${valid}]` },
  { name: 'volley: refused, invalid payload', server: 'volley', frame: '42["input",{"x":"1","y":2}]' },
  { name: 'volley: refused, unknown event', server: 'volley', frame: `42["nope",${valid}]` },
  { name: 'volley: dropped, per-event rate', server: 'volley', frame: `42["e0",${valid}]` },
  { name: 'volley: refused, too large', server: 'volley', frame: `42["e1",${valid}]` },
  {
    name: 'volley: refused, rateLimit',
    server: 'volley',
    frame: `42["input",${valid}]`,
    drain: RATE_LIMIT_POINTS,
  },
]

/**
 * Server CPU per message for one flood of `count` copies of a case's frame on a new connection (µs), and
 * the bytes the server wrote to stderr per message.
 */
export async function costOnce(
  server: SoakServer,
  { frame, drain = 0 }: CostCase,
  count: number,
): Promise<{ cpu: number; log: number }> {
  const socket = await RawSocket.connect(server.url, { record: false })
  try {
    await socket.join('/')
    await socket.flood(frame, drain)
    await socket.request('echo', { text: 'sync', n: 0 })
    const before = await server.call({ cmd: 'stats' })
    const logBefore = server.stderrBytes()
    await socket.flood(frame, count)
    // Packets of one connection are handled in order: once this is answered, the flood was handled.
    await socket.request('echo', { text: 'sync', n: 1 })
    const after = await server.call({ cmd: 'stats' })
    return { cpu: (after.cpu! - before.cpu!) / count, log: (server.stderrBytes() - logBefore) / count }
  } finally {
    await socket.close()
  }
}

/**
 * Server CPU per fire-and-forget message (µs, user + system, measured in the server's own process) for
 * each case: `rounds` rounds, each case `count` messages per round, all cases within a round, so that a
 * refusal is compared with acceptance on the same server at the same moment.
 */
export async function measureCosts(count: number, rounds: number): Promise<CostResult[]> {
  const running = new Map<CostCase['server'], SoakServer>()
  try {
    for (const [name, config] of Object.entries(servers)) {
      running.set(name as CostCase['server'], await spawnServer(config))
    }
    for (const costCase of cases) await costOnce(running.get(costCase.server)!, costCase, count / 4)
    const runs = new Map<string, { cpu: number; log: number }[]>()
    for (let round = 0; round < rounds; round += 1) {
      for (const costCase of cases) {
        const run = await costOnce(running.get(costCase.server)!, costCase, count)
        runs.set(costCase.name, [...(runs.get(costCase.name) ?? []), run])
      }
    }
    const accepted = runs.get('volley: accepted')!
    return cases.map(({ name }) => {
      const own = runs.get(name)!
      return {
        name,
        microseconds: median(own.map((run) => run.cpu)),
        overAccepted: median(own.map((run, round) => run.cpu - accepted[round]!.cpu)),
        logBytesPerMessage: median(own.map((run) => run.log)),
      }
    })
  } finally {
    for (const server of running.values()) await server.stop()
  }
}

/**
 * The `input` schema's own time on the Volley server, for the valid and the invalid payload (µs per
 * validation of a freshly parsed copy, GC included), measured in the server process itself.
 */
export async function schemaTime(): Promise<{ valid: number; invalid: number }> {
  const server = await spawnServer(servers.volley)
  try {
    const time = async (payload: string): Promise<number> =>
      median(
        await Promise.all(
          [0, 1, 2].map(async () => (await server.call({ cmd: 'schema-time', payload })).microseconds!),
        ),
      )
    return { valid: await time(valid), invalid: await time('{"x":"1","y":2}') }
  } finally {
    await server.stop()
  }
}
