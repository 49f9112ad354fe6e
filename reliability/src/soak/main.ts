// `pnpm soak`: the minutes-long half of the reliability suite. Each figure is measured for raw socket.io
// and Volley in the same run (servers in their own processes, so that heap and CPU are theirs alone) and
// printed with its budget and PASS or MISS. It exits 0 whatever the figures; 1 only when a run errors.
import { cpus } from 'node:os'
import { measurePendingAttachments } from './attachments'
import { measureFlood, type FloodResult } from './flood'
import { measureIdleMemory } from './idleMemory'
import { measureCosts, schemaTime, type CostResult } from './refusalCost'
import { formatFigures, num, type SoakFigure } from './report'
import { measureSlowConsumer } from './slowConsumer'
import { median } from './stats'

const quick = process.env.SOAK_QUICK === '1' || process.argv.includes('--quick')
const MiB = 1024 * 1024
const figures: SoakFigure[] = []
const log = (line: string): void => console.log(line)

function coreBuild(): string {
  try {
    return import.meta.resolve('@volley/core/server').includes('/src/')
      ? 'packages/core/src (through tsx)'
      : 'packages/core/dist (the tsup build)'
  } catch {
    return 'unknown'
  }
}

async function idleMemory(): Promise<void> {
  const clients = quick ? 300 : 1_000
  const rounds = quick ? 1 : 2
  const perConnection: Record<string, number[]> = {}
  for (let round = 1; round <= rounds; round += 1) {
    for (const extra of [0, 37]) {
      for (const target of ['raw', 'volley'] as const) {
        const { bytesPerConnection } = await measureIdleMemory(target, extra, clients)
        ;(perConnection[`${target} ${extra + 3}`] ??= []).push(bytesPerConnection)
        log(
          `idle memory  round ${round}  ${target.padEnd(6)} ${extra + 3} events: ${num(bytesPerConnection)} B per connection`,
        )
      }
    }
  }
  const at = (key: string): number => median(perConnection[key]!)
  for (const events of [3, 40]) {
    const raw = at(`raw ${events}`)
    const volley = at(`volley ${events}`)
    figures.push({
      scenario: `idle memory, ${events} events, ${num(clients)} clients`,
      figure: 'server heap per connection',
      raw: `${num(raw)} B`,
      volley: `${num(volley)} B (${(volley / raw).toFixed(3)}x)`,
      budget: '<= 1.05 x raw',
      pass: volley <= 1.05 * raw,
    })
  }
  const rawGrowth = (at('raw 40') - at('raw 3')) / 37
  const volleyGrowth = (at('volley 40') - at('volley 3')) / 37
  figures.push({
    scenario: 'idle memory, 3 -> 40 events',
    figure: 'heap per contract event per connection',
    raw: `${num(rawGrowth)} B`,
    volley: `${num(volleyGrowth)} B`,
    budget: '<= raw (flat: no per-event state)',
    pass: volleyGrowth <= rawGrowth,
  })
}

async function refusalCost(): Promise<void> {
  const count = quick ? 5_000 : 20_000
  const rounds = quick ? 2 : 5
  const results = await measureCosts(count, rounds)
  for (const r of results) {
    log(
      `refusal cost  ${r.name.padEnd(34)} ${r.microseconds.toFixed(2)} µs per message (${r.overAccepted >= 0 ? '+' : ''}${r.overAccepted.toFixed(2)} vs accepted), ${r.logBytesPerMessage.toFixed(3)} log B per message`,
    )
  }
  const schema = await schemaTime()
  log(
    `refusal cost  the input schema alone, on the server: valid ${schema.valid.toFixed(2)} µs, invalid ${schema.invalid.toFixed(2)} µs`,
  )
  const find = (name: string): CostResult => results.find((r) => r.name === name)!
  const raw = find('raw: accepted')
  const accepted = find('volley: accepted')
  const scenario = `server CPU per fire-and-forget message (${num(count)} x ${rounds} rounds, default logger, paired by round)`
  figures.push({
    scenario,
    figure: 'accepted (schema + handler)',
    raw: `${raw.microseconds.toFixed(2)} µs`,
    volley: `${accepted.microseconds.toFixed(2)} µs`,
    budget: '(context)',
    pass: undefined,
  })
  for (const r of results.filter((r) => r.name.startsWith('volley: ') && r !== accepted)) {
    const validates = r.name.includes('invalid')
    const allowed = validates ? schema.invalid : 0
    figures.push({
      scenario,
      figure: r.name.slice('volley: '.length),
      raw: '-',
      volley: `${r.microseconds.toFixed(2)} µs (${r.overAccepted >= 0 ? '+' : ''}${r.overAccepted.toFixed(2)}), log ${r.logBytesPerMessage.toFixed(3)} B`,
      budget: validates
        ? `<= accepted + schema (+${schema.invalid.toFixed(2)} µs); log <= 1,000 B`
        : '<= accepted (+0); log <= 1,000 B',
      pass: r.overAccepted <= allowed && r.logBytesPerMessage <= 1_000,
    })
  }
}

async function slowConsumer(): Promise<void> {
  const ms = quick ? 8_000 : 20_000
  const every = 1_000
  const rate = 2_000
  const bytes = 1_000
  const runs = []
  for (const target of ['raw', 'volley'] as const) {
    const result = await measureSlowConsumer(target, rate, bytes, ms, every)
    log(
      `slow consumer  ${target.padEnd(6)} heap growth every ${every / 1000} s: ${result.growth.map((g) => (g / MiB).toFixed(1)).join(', ')} MB; closed: ${result.closed}`,
    )
    runs.push(result)
  }
  const [raw, volley] = runs as [(typeof runs)[0], (typeof runs)[0]]
  const end = (r: typeof raw): number => r.growth.at(-1)! / MiB
  const peak = (r: typeof raw): number => Math.max(...r.growth) / MiB
  figures.push({
    scenario: `slow consumer: 1 of 2 clients stops reading a ${num(rate)} msg/s x ${num(bytes)} B broadcast`,
    figure: `server heap growth after ${ms / 1000} s`,
    raw: `${end(raw).toFixed(1)} MB`,
    volley: `${end(volley).toFixed(1)} MB (closed: ${volley.closed})`,
    budget: '<= 2 MB (flat), client closed',
    pass: end(volley) <= 2 && volley.closed,
  })
  figures.push({
    scenario: 'slow consumer',
    figure: 'peak heap growth',
    raw: `${peak(raw).toFixed(1)} MB`,
    volley: `${peak(volley).toFixed(1)} MB`,
    budget: '<= 2 x the hard cap (4 x outgoing.maxBytes) = 8 MB',
    pass: peak(volley) <= 8,
  })
}

async function flood(): Promise<void> {
  const phase = quick ? 2_000 : 4_000
  const floodMs = quick ? 4_000 : 8_000
  const victims = 20
  const results: FloodResult[] = []
  results.push(await measureFlood('raw', { target: 'raw', extraEvents: 0 }, victims, phase, floodMs))
  results.push(
    await measureFlood(
      'volley, no limiter',
      { target: 'volley', extraEvents: 0, volley: { limits: { escalation: false } } },
      victims,
      phase,
      floodMs,
    ),
  )
  results.push(
    await measureFlood(
      'volley, limiter',
      {
        target: 'volley',
        extraEvents: 0,
        volley: { limits: { events: { input: { rate: { points: 60, duration: 1000 } } } } },
      },
      victims,
      phase,
      floodMs,
    ),
  )
  for (const r of results) {
    log(
      `flood  ${r.name.padEnd(20)} sent ${num(r.sent)}; victims' p99: baseline ${r.baseline.toFixed(1)} ms, flooding ${r.flooding.toFixed(1)} ms` +
        (r.afterDisconnect === undefined ? '' : `, after disconnect ${r.afterDisconnect.toFixed(1)} ms`) +
        (r.disconnectedAfterMs === undefined
          ? ''
          : ` (disconnected after ${r.disconnectedAfterMs.toFixed(0)} ms)`),
    )
  }
  const [raw, open, limited] = results as [FloodResult, FloodResult, FloodResult]
  const scenario = `flood: ${victims} victims' request p99 while 1 client floods fire-and-forget events`
  figures.push({
    scenario,
    figure: 'baseline (no flood)',
    raw: `${raw.baseline.toFixed(1)} ms`,
    volley: `${limited.baseline.toFixed(1)} ms`,
    budget: '(context)',
    pass: undefined,
  })
  figures.push({
    scenario,
    figure: 'during the flood, no limiter',
    raw: `${raw.flooding.toFixed(1)} ms`,
    volley: `${open.flooding.toFixed(1)} ms`,
    budget: '(context)',
    pass: undefined,
  })
  const limitedFlooding = limited.flooding
  figures.push({
    scenario,
    figure: `with limits.events.input (60/s) + escalation: until disconnected (${limited.disconnectedAfterMs?.toFixed(0) ?? 'never'} ms)`,
    raw: '-',
    volley: Number.isNaN(limitedFlooding) ? 'no request in that window' : `${limitedFlooding.toFixed(1)} ms`,
    budget: '< Volley without limiter',
    pass:
      limited.disconnectedAfterMs !== undefined &&
      (Number.isNaN(limitedFlooding) || limitedFlooding < open.flooding),
  })
  figures.push({
    scenario,
    figure: 'with limiter: after the flooder is disconnected',
    raw: '-',
    volley: `${limited.afterDisconnect?.toFixed(1) ?? '-'} ms`,
    budget: `<= 1.5 x baseline = ${(1.5 * limited.baseline).toFixed(1)} ms`,
    pass: limited.afterDisconnect !== undefined && limited.afterDisconnect <= 1.5 * limited.baseline,
  })
}

async function attachments(): Promise<void> {
  const connections = quick ? 5 : 20
  const bytes = 900_000
  const raw = (await measurePendingAttachments('raw', connections, bytes)) / MiB
  const volley = (await measurePendingAttachments('volley', connections, bytes)) / MiB
  log(`attachments  raw ${raw.toFixed(1)} MB, volley ${volley.toFixed(1)} MB`)
  figures.push({
    scenario: `${connections} connections each holding a binary packet with 9 of 10 attachments (900 KB each)`,
    figure: 'server heap growth',
    raw: `${raw.toFixed(1)} MB`,
    volley: `${volley.toFixed(1)} MB`,
    budget: `<= ${connections} x attachments.maxBytes = ${(connections * 0.95).toFixed(0)} MB`,
    pass: volley <= connections * 0.95,
  })
}

async function main(): Promise<number> {
  const started = performance.now()
  log(
    `Volley soak vs raw socket.io — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})${quick ? ', quick' : ''}\n` +
      `core: ${coreBuild()}; servers run in their own process (--expose-gc), clients in this one\n`,
  )
  await idleMemory()
  await refusalCost()
  await slowConsumer()
  await flood()
  await attachments()
  log(`\n${formatFigures(figures)}\n`)
  const missed = figures.filter((f) => f.pass === false).length
  log(
    `${figures.filter((f) => f.pass === true).length} within budget, ${missed} missed; ${((performance.now() - started) / 60_000).toFixed(1)} min. The soak reports; it never fails on a figure.`,
  )
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
