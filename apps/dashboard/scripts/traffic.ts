// Feeds a running Launch Control with launch-day traffic through POST /api/track, as the product would.
//   pnpm --filter @volley/dashboard traffic [--seconds 60] [--url http://localhost:3000]
import { trafficBatch } from '../lib/traffic'

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? undefined : process.argv[index + 1]
}
const url = argument('url') ?? process.env.URL ?? `http://localhost:${process.env.PORT ?? 3000}`
const seconds = Number(argument('seconds') ?? 60)
const every = 500

let sent = 0
const started = Date.now()
const until = started + seconds * 1000
console.log(`[traffic] posting to ${url}/api/track for ${seconds} s`)
while (Date.now() < until) {
  const events = trafficBatch(every, Date.now() - started)
  if (events.length > 0) {
    const response = await fetch(`${url}/api/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    }).catch((error: unknown) => {
      console.error(`[traffic] ${url} is not reachable (${String(error)}). Is the dashboard running?`)
      process.exit(1)
    })
    const body = (await response.json()) as { ok: boolean; data?: { accepted: number }; error?: unknown }
    if (!body.ok) {
      console.error('[traffic] refused:', JSON.stringify(body.error))
      process.exit(1)
    }
    sent += body.data?.accepted ?? 0
  }
  await new Promise((resolve) => setTimeout(resolve, every))
}
console.log(`[traffic] done: ${sent} events accepted`)
