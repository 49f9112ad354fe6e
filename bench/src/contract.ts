import type { StandardSchemaV1 } from '@standard-schema/spec'
import { defineContract } from '@volley/core'
import { z } from 'zod'

/** Counts how often the schemas wrapped with `counted` ran, in total and per schema name. */
export interface ValidationCounter {
  count: number
  readonly by: Record<string, number>
}

/** A fresh counter at zero. */
export function createCounter(): ValidationCounter {
  return { count: 0, by: {} }
}

/** Sets a counter back to zero. */
export function resetCounter(counter: ValidationCounter): void {
  counter.count = 0
  for (const key of Object.keys(counter.by)) counter.by[key] = 0
}

/**
 * Wraps a Standard Schema so that every `validate` call increments a counter, then delegates.
 *
 * @example
 * const counter = createCounter()
 * const schema = counted(z.object({ seq: z.number() }), counter, 'tick')
 * @param schema - any Standard Schema validator
 * @param counter - incremented once per validation
 * @param name - the key in `counter.by` counted separately
 * @returns a Standard Schema with the same input and output types
 */
export function counted<TInput, TOutput>(
  schema: StandardSchemaV1<TInput, TOutput>,
  counter: ValidationCounter,
  name: string,
): StandardSchemaV1<TInput, TOutput> {
  const standard = schema['~standard']
  counter.by[name] = 0
  return {
    '~standard': {
      version: 1,
      vendor: `${standard.vendor}+counted`,
      validate: (value) => {
        counter.count += 1
        counter.by[name] = (counter.by[name] ?? 0) + 1
        return standard.validate(value)
      },
    },
  }
}

const echoPayload = z.object({
  room: z.string().min(1).max(64),
  text: z.string().min(1).max(2000),
  n: z.number().int().nonnegative(),
})
const echoAck = z.object({ id: z.string(), at: z.number() })
const triggerPayload = z.object({
  room: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
  text: z.string().max(2000),
})
const triggerAck = z.object({ seq: z.number().int() })
const tickPayload = z.object({ seq: z.number().int(), room: z.string(), text: z.string(), at: z.number() })

/** Builds the bench contract; pass a counter to count every validation made with it. */
export function createBenchContract(counter: ValidationCounter = createCounter()) {
  return defineContract({
    clientToServer: {
      echo: { payload: counted(echoPayload, counter, 'echo'), ack: counted(echoAck, counter, 'echo:ack') },
      trigger: {
        payload: counted(triggerPayload, counter, 'trigger'),
        ack: counted(triggerAck, counter, 'trigger:ack'),
      },
    },
    serverToClient: {
      tick: { payload: counted(tickPayload, counter, 'tick') },
    },
    subscriptions: {
      // The same ticks, published through a resumable subscription instead of a room broadcast.
      ticks: { params: z.object({ room: z.string() }), item: counted(tickPayload, counter, 'tick') },
    },
  })
}

/** The contract both sides of the Volley runs speak (raw runs send the same shapes unchecked). */
export type BenchContract = ReturnType<typeof createBenchContract>

/** The room broadcast receivers join. */
export const ROOM = 'bench'

/** A ~100-character message body, so payloads are not trivially small. */
export const TEXT =
  'The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs, twice over.'

/** The request payload for the n-th echo. */
export function echoRequest(n: number): z.input<typeof echoPayload> {
  return { room: ROOM, text: TEXT, n }
}

/** The server's work for one echo, the same for raw and Volley. */
export function echoAnswer(payload: { n: number }): z.output<typeof echoAck> {
  return { id: `m${payload.n}`, at: Date.now() }
}

/** The message the server broadcasts for one trigger, the same for raw and Volley. */
export function tickMessage(payload: {
  seq: number
  room: string
  text: string
}): z.output<typeof tickPayload> {
  return { seq: payload.seq, room: payload.room, text: payload.text, at: Date.now() }
}
