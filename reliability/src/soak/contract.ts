import { defineContract } from '@volley/core'
import { z } from 'zod'

const point = z.object({ x: z.number(), y: z.number() })

/**
 * The soak contract: `echo` (a request), `input` (fire and forget), `join`, and `extra` more events so
 * that idle memory can be measured with small and large contracts.
 *
 * @param extra - how many more client-to-server events (`e0`, `e1`, …)
 * @returns the contract
 */
export function soakContract(extra: number) {
  const events: Record<string, { payload: typeof point; ack?: typeof point }> = {}
  for (let i = 0; i < extra; i += 1)
    events[`e${i}`] = i % 2 === 0 ? { payload: point, ack: point } : { payload: point }
  return defineContract({
    clientToServer: {
      echo: {
        payload: z.object({ text: z.string().max(200), n: z.number().int() }),
        ack: z.object({ n: z.number() }),
      },
      input: { payload: point },
      join: { payload: z.object({ room: z.string().max(64) }), ack: z.object({ ok: z.boolean() }) },
      ...(events as Record<`e${number}`, { payload: typeof point; ack?: typeof point }>),
    },
    serverToClient: {
      tick: { payload: z.object({ seq: z.number(), text: z.string() }) },
    },
  })
}

/** Names of the client-to-server events of `soakContract(extra)`. */
export function soakEvents(extra: number): string[] {
  return ['echo', 'input', 'join', ...Array.from({ length: extra }, (_, i) => `e${i}`)]
}
