// `pnpm --filter arena figures`: the bot figures of README.md, in one run. For 8, 50 and 100 players it
// starts a fresh arena server process, connects the bots, lets them play for a warm-up, measures a
// window, and prints one table: the server's tick duration and rate, snapshot interval jitter and bytes
// per second at the bots, and the CPU of both processes. The machine's load average is printed too,
// since the figures are only as quiet as the machine.
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { BotPool, type BotFigures } from './BotPool'
import { startServerProcess } from './serverProcess'
import type { StatsSummary } from '../server/ServerStats'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    players: { type: 'string', default: '8,50,100' },
    warmup: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '20' },
  },
})
const sizes = values.players.split(',').map(Number)
const warmupMs = Number(values.warmup) * 1000
const windowMs = Number(values.seconds) * 1000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

console.log(
  `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average before: ${load()}`,
)
const rows: { server: StatsSummary; bots: BotFigures; load: string }[] = []
for (const players of sizes) {
  const server = await startServerProcess()
  const pool = new BotPool()
  await pool.start(server.url, players)
  await sleep(warmupMs)
  const end = pool.measure()
  await sleep(windowMs)
  const bots = end()
  rows.push({ server: await server.stats(windowMs), bots, load: load() })
  pool.stop()
  await server.stop()
  console.log(`${players} players measured (load average ${load()})`)
}

const table = [
  '| players | rooms | server tick p50 / p99 (ms) | ticks/s | snapshot interval jitter p50 / p99 at the bots (ms) | snapshots/s per bot | bytes/s per client (down / up) | server CPU | bots CPU | load avg (1 min) |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    ({ server, bots, load }) =>
      `| ${bots.players} | ${server.rooms} | ${server.tickMs.p50} / ${server.tickMs.p99} | ${server.tickRate} | ${bots.jitterMs.p50} / ${bots.jitterMs.p99} | ${bots.snapshotRate} | ${bots.bytesInPerSecond.toLocaleString('en')} / ${bots.bytesOutPerSecond.toLocaleString('en')} | ${server.cpuPercent}% | ${bots.botsCpuPercent}% | ${load.split(' ')[0]} |`,
  ),
]
console.log(`\n${table.join('\n')}\n`)
const lost = rows.filter((row) => row.bots.disconnected > 0)
if (lost.length > 0)
  console.log(
    `bots disconnected during the run: ${lost.map((row) => `${row.bots.disconnected} of ${row.bots.players}`).join(', ')}`,
  )
