import type { TrackEvent } from './contract'

const PATHS = [
  '/',
  '/pricing',
  '/signup',
  '/docs/getting-started',
  '/blog/launch',
  '/changelog',
  '/integrations',
]
const PATH_WEIGHTS = [30, 18, 14, 11, 10, 9, 8]
const PRICES = [29, 29, 99, 99, 299]

function pick<T>(items: readonly T[], weights?: readonly number[]): T {
  if (weights === undefined) return items[Math.floor(Math.random() * items.length)]!
  let roll = Math.random() * weights.reduce((sum, weight) => sum + weight, 0)
  for (let i = 0; i < items.length; i++) {
    roll -= weights[i]!
    if (roll <= 0) return items[i]!
  }
  return items[items.length - 1]!
}

/** How many events a rate per minute gives over a slice of time (random, with the right average). */
function count(perMinute: number, ms: number): number {
  const expected = (perMinute * ms) / 60_000
  return Math.floor(expected) + (Math.random() < expected % 1 ? 1 : 0)
}

/** A log-normal-ish response time around `median` ms. */
function latency(median: number): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random())
  return Math.max(12, Math.round(median * Math.exp(0.55 * gaussian)))
}

/**
 * Launch-day traffic for `ms` milliseconds: signups, purchases and page views. From 40 to 52 seconds of
 * every minute of running (`elapsed`), the site slows down (p95 latency over 800 ms), so alerts fire now
 * and then.
 */
export function trafficBatch(ms: number, elapsed: number): TrackEvent[] {
  const incident = elapsed % 60_000 > 40_000 && elapsed % 60_000 < 52_000
  const events: TrackEvent[] = []
  for (let i = count(55, ms); i > 0; i--)
    events.push({ type: 'signup', plan: pick(['free', 'pro', 'team'], [7, 2, 1]) })
  for (let i = count(8, ms); i > 0; i--) events.push({ type: 'purchase', amount: pick(PRICES) })
  for (let i = count(420, ms); i > 0; i--) {
    events.push({
      type: 'pageview',
      path: pick(PATHS, PATH_WEIGHTS),
      latencyMs: latency(incident ? 900 : 170),
    })
  }
  return events
}
