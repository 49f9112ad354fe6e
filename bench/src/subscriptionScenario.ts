import { runBroadcast } from './broadcast'
import type { BenchConfig } from './config'
import { runReplay } from './replay'
import type { RunResult } from './result'
import { median, sleep } from './stats'

/** One round of the subscription scenario. */
export interface SubscriptionRound {
  /** Volley, ticks as a room broadcast (`io.to(room).emit`). */
  readonly emit: RunResult
  /** Volley, the same ticks through a resumable subscription (`io.publish`). */
  readonly publish: RunResult
  /** Milliseconds to replay the missed items to one reconnecting client. */
  readonly replayMs: number
  readonly errors: number
}

/**
 * Publishing through a subscription against a plain room broadcast, both on Volley (clients validate
 * with `'always'`), paired in each round; then the replay of `replayItems` missed items to one client.
 *
 * @example
 * const round = await runSubscriptionRound(config)
 * @param config - sizes (`clients`, `messages`, `replayItems`)
 * @returns the round's figures
 */
export async function runSubscriptionRound(config: BenchConfig): Promise<SubscriptionRound> {
  const sizes = { clients: config.clients, messages: config.messages, clientValidation: 'always' as const }
  const emit = await runBroadcast('volley', { ...sizes, delivery: 'emit' })
  await sleep(100)
  const publish = await runBroadcast('volley', { ...sizes, delivery: 'publish' })
  await sleep(100)
  const replay = await runReplay({ items: config.replayItems })
  const failed = (run: RunResult): number => run.errors + (run.operations === run.expected ? 0 : 1)
  return {
    emit,
    publish,
    replayMs: replay.durationMs,
    errors: failed(emit) + failed(publish) + replay.errors,
  }
}

/**
 * The scenario's summary: per-round and median publish/emit throughput ratios against the 0.95 target,
 * and the replay times against the 1 s goal.
 *
 * @example
 * console.log(formatSubscription(rounds, config))
 * @param rounds - the measured rounds
 * @param config - for the sizes in the heading
 * @returns the lines to print
 */
export function formatSubscription(rounds: readonly SubscriptionRound[], config: BenchConfig): string {
  const ratios = rounds.map((round) => round.publish.throughput / round.emit.throughput)
  const cpu = rounds.map((round) => round.publish.cpuPerOp / round.emit.cpuPerOp)
  const ratio = median(ratios)
  const replay = median(rounds.map((round) => round.replayMs))
  const rate = (value: number): string => `${Math.round(value).toLocaleString('en-US')} msg/s`
  return [
    `subscription: ${config.clients} clients x ${config.messages} items, Volley clients validateIncoming 'always'`,
    `  room broadcast (median)   ${rate(median(rounds.map((round) => round.emit.throughput)))}`,
    `  subscription (median)     ${rate(median(rounds.map((round) => round.publish.throughput)))}`,
    `  publish/emit per round    ${ratios.map((r) => r.toFixed(2)).join(' ')}`,
    `  median throughput ratio   ${ratio.toFixed(2)}  target >= 0.95 ${ratio >= 0.95 ? 'met' : 'MISSED'}`,
    `  CPU per op ratio (median) ${median(cpu).toFixed(2)}`,
    `replay of ${config.replayItems.toLocaleString('en-US')} missed items to one client: ${rounds
      .map((round) => `${round.replayMs.toFixed(0)} ms`)
      .join(', ')}; median ${replay.toFixed(0)} ms  goal < 1,000 ms ${replay < 1_000 ? 'met' : 'MISSED'}`,
  ].join('\n')
}
