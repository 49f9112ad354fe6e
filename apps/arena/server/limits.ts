// The limits the arena gives Volley (per-event rate and size caps, escalation), in one place so that the
// README, the server and the tests agree. See README.md, "Limits".
import type { ServerLimitsOptions } from '@volley/core/server'
import type { arena } from '../shared/contract'

/** Volley's `limits` option, typed by the arena's contract. */
export type ArenaLimits = ServerLimitsOptions<typeof arena>

export const arenaLimits = {
  events: {
    // 60 inputs a second while a key is held; 50% headroom for inputs that arrive bunched after a hiccup.
    // Over the rate, inputs are dropped silently; the simulation applies 60 a second at most anyway.
    // An input is about 50 bytes as Volley estimates it (70 with the longest room id).
    input: { rate: { points: 90, duration: 1000 }, maxBytes: 128 },
    // One ping every 2 seconds.
    ping: { rate: { points: 5, duration: 5000 }, maxBytes: 64 },
    'rooms:list': { rate: { points: 10, duration: 10_000 }, maxBytes: 16 },
    'room:create': { rate: { points: 5, duration: 10_000 }, maxBytes: 256 },
    'room:join': { rate: { points: 10, duration: 10_000 }, maxBytes: 256 },
    'room:leave': { rate: { points: 10, duration: 10_000 }, maxBytes: 16 },
  },
  // A well-behaved client is never refused; one refused 100 times in 10 s is flooding: it is
  // disconnected and its address may not reconnect for 30 s.
  escalation: { refusals: 100, window: 10_000, coolDown: 30_000 },
} satisfies ArenaLimits
