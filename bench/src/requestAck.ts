import { echoRequest, resetCounter } from './contract'
import { connectAll } from './connectAll'
import type { RunResult } from './result'
import { now, percentile, within } from './stats'
import { startSession, type SessionOptions, type TargetName } from './targets'

/** Sizes of a request/ack run. */
export interface RequestAckOptions extends SessionOptions {
  /** Clients sending at the same time. */
  readonly clients: number
  /** Sequential requests per client (each waits for the previous ack). */
  readonly requestsPerClient: number
  /** Upper bound for the whole run, in ms. Defaults to `60_000`. */
  readonly timeoutMs?: number
}

/**
 * Request/ack round trips: every client sends `requestsPerClient` requests one after the other, all
 * clients at once. Measures each round trip, and requests answered per second overall.
 *
 * @example
 * const result = await runRequestAck('volley', { clients: 20, requestsPerClient: 300 })
 * @param target - `'raw'` or `'volley'`
 * @param options - sizes and Volley client settings
 * @returns the run's figures
 */
export async function runRequestAck(target: TargetName, options: RequestAckOptions): Promise<RunResult> {
  const session = await startSession(target, options)
  try {
    const clients = await connectAll(session, 'sender', options.clients)
    resetCounter(session.serverValidations)
    resetCounter(session.clientValidations)
    const latencies: number[] = []
    let failures = 0
    const cpuAtStart = process.cpuUsage()
    const start = now()
    await within(
      Promise.all(
        clients.map(async (client, c) => {
          for (let i = 0; i < options.requestsPerClient; i += 1) {
            const sentAt = now()
            try {
              await client.request('echo', echoRequest(c * options.requestsPerClient + i))
              latencies.push(now() - sentAt)
            } catch {
              failures += 1
            }
          }
        }),
      ),
      options.timeoutMs ?? 60_000,
      `request/ack on ${target}`,
    )
    const durationMs = now() - start
    const cpu = process.cpuUsage(cpuAtStart)
    const answered = latencies.length
    return {
      scenario: 'request/ack',
      target,
      operations: answered,
      expected: options.clients * options.requestsPerClient,
      errors: failures + session.errors,
      durationMs,
      throughput: (answered / durationMs) * 1000,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      cpuPerOp: answered === 0 ? 0 : (cpu.user + cpu.system) / answered,
      serverValidationsPerMessage: answered === 0 ? 0 : session.serverValidations.count / answered,
      clientValidationsPerOperation: answered === 0 ? 0 : session.clientValidations.count / answered,
    }
  } finally {
    await session.close()
  }
}
