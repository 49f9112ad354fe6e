import type { TargetName } from './targets'

/** What one run of one scenario on one stack measured. */
export interface RunResult {
  readonly scenario: 'request/ack' | 'broadcast'
  readonly target: TargetName
  /** Requests answered (request/ack) or messages delivered (broadcast). */
  readonly operations: number
  /** Operations expected; equal to `operations` in a healthy run. */
  readonly expected: number
  /** Failed requests, server/client errors, missing deliveries. */
  readonly errors: number
  readonly durationMs: number
  /** Operations per second. */
  readonly throughput: number
  /** Latency percentiles in ms: per request, or per broadcast from emit to the last receipt. */
  readonly p50: number
  readonly p99: number
  /** Process CPU time (user + system, server and clients together) per operation, in µs. */
  readonly cpuPerOp: number
  /** Validations the server ran, per inbound message (per request or per broadcast trigger). */
  readonly serverValidationsPerMessage: number
  /** Validations the clients ran, per operation (request/ack: payload out + ack in; broadcast: `tick` checks per delivery). */
  readonly clientValidationsPerOperation: number
}
