// `pnpm --filter arena bots -- --players 100 [--url http://localhost:3000] [--seconds 30]`
// Connects N bot players that move randomly and prints, every 5 s, what they receive and how the server's
// tick is doing. Without --url it starts its own server process on a free port.
import { parseArgs } from 'node:util'
import { BotPool } from './BotPool'
import { startServerProcess } from './serverProcess'
import type { StatsSummary } from '../server/ServerStats'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    players: { type: 'string', default: '8' },
    url: { type: 'string' },
    seconds: { type: 'string' },
  },
})
const players = Number(values.players)
if (!(Number.isInteger(players) && players > 0 && players <= 1000)) {
  console.error(`--players must be an integer from 1 to 1000, got "${values.players}".`)
  process.exit(2)
}

const server = values.url === undefined ? await startServerProcess() : undefined
const url = values.url ?? server!.url
const stats = async (windowMs: number): Promise<StatsSummary> =>
  server?.stats(windowMs) ??
  ((await (await fetch(`${url}/api/stats?window=${windowMs}`)).json()) as StatsSummary)

const pool = new BotPool()
console.log(`connecting ${players} bots to ${url}…`)
await pool.start(url, players)
console.log(
  `${players} bots playing in ${new Set(pool.bots.map((bot) => bot.room)).size} rooms; Ctrl-C stops them`,
)

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  pool.stop()
  await server?.stop()
  process.exit(0)
}
process.once('SIGINT', () => void stop())
process.once('SIGTERM', () => void stop())
if (values.seconds !== undefined) setTimeout(() => void stop(), Number(values.seconds) * 1000)

for (;;) {
  const end = pool.measure()
  await new Promise((resolve) => setTimeout(resolve, 5_000))
  if (stopping) break
  const bots = end()
  const server = await stats(5_000)
  console.log(
    `tick ${server.tickRate}/s p50 ${server.tickMs.p50} ms p99 ${server.tickMs.p99} ms, server CPU ${server.cpuPercent}% · ` +
      `per bot: ${bots.snapshotRate} snapshots/s, jitter p99 ${bots.jitterMs.p99} ms, ${bots.bytesInPerSecond} B/s in, ${bots.bytesOutPerSecond} B/s out · ` +
      `bots CPU ${bots.botsCpuPercent}%${bots.disconnected > 0 ? ` · ${bots.disconnected} disconnected` : ''}`,
  )
}
