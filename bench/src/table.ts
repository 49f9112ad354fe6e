import type { RunResult } from './result'
import { median } from './stats'

/** One Volley variant's runs, each paired with the raw run of the same round. */
export interface PairedRuns {
  readonly scenario: RunResult['scenario']
  /** e.g. `volley (client validateIncoming: 'always')` */
  readonly label: string
  readonly unit: string
  readonly pairs: readonly { readonly raw: RunResult; readonly volley: RunResult }[]
}

type Metric = 'throughput' | 'p50' | 'p99' | 'cpuPerOp'

const targets: Record<
  Metric,
  { readonly text: string; readonly ok: (ratio: number) => boolean } | undefined
> = {
  throughput: { text: '>= 0.90', ok: (ratio) => ratio >= 0.9 },
  p50: undefined,
  p99: { text: '<= 1.15', ok: (ratio) => ratio <= 1.15 },
  cpuPerOp: undefined,
}

const names: Record<Metric, string> = {
  throughput: 'throughput',
  p50: 'p50 latency',
  p99: 'p99 latency',
  cpuPerOp: 'CPU per op',
}

function format(value: number, metric: Metric, unit: string): string {
  if (metric === 'throughput') return `${Math.round(value).toLocaleString('en-US')} ${unit}`
  if (metric === 'cpuPerOp') return `${value.toFixed(1)} µs`
  return `${value.toFixed(2)} ms`
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => cell.padEnd(widths[i]!))
    .join('  ')
    .trimEnd()
}

/**
 * Formats paired runs as a table: medians of raw and Volley, the Volley/raw ratio of every round, the
 * median ratio and whether it meets the target. "CPU per op" (process CPU time per request or delivery)
 * has no target; it is the figure least disturbed by other processes on a shared machine.
 *
 * @example
 * console.log(formatTable([{ scenario: 'broadcast', label: 'volley', unit: 'msg/s', pairs }]))
 * @param groups - paired runs per scenario and Volley variant
 * @returns the table, one line per metric
 */
export function formatTable(groups: readonly PairedRuns[]): string {
  const rows: string[][] = [
    ['scenario', 'metric', 'raw (median)', 'volley (median)', 'volley/raw per round', 'median', 'target'],
  ]
  for (const group of groups) {
    for (const metric of ['throughput', 'p50', 'p99', 'cpuPerOp'] as const) {
      const ratios = group.pairs.map(({ raw, volley }) => volley[metric] / raw[metric])
      const ratio = median(ratios)
      const target = targets[metric]
      rows.push([
        `${group.scenario} ${group.label}`,
        names[metric],
        format(median(group.pairs.map((pair) => pair.raw[metric])), metric, group.unit),
        format(median(group.pairs.map((pair) => pair.volley[metric])), metric, group.unit),
        ratios.map((r) => r.toFixed(2)).join(' '),
        ratio.toFixed(2),
        target ? `${target.text} ${target.ok(ratio) ? 'met' : 'MISSED'}` : '',
      ])
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  const lines = rows.map((row) => pad(row, widths))
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '))
  return lines.join('\n')
}
