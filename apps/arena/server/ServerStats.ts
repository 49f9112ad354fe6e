import { performance } from 'node:perf_hooks'

/** Percentiles of a list of numbers (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** What `/api/stats` answers: the server's health over a recent window. */
export interface StatsSummary {
  /** The window the figures cover, in ms (shorter right after start). */
  windowMs: number
  /** Ticks run in the window, per second. */
  tickRate: number
  /** How long the simulation and the broadcasts of one tick took, in ms. */
  tickMs: { p50: number; p99: number; max: number }
  /** Process CPU time (user + system) over the window, as a percentage of one core. */
  cpuPercent: number
  /** Inputs applied per second over the window. */
  inputsPerSecond: number
  /** Rooms with players in them, and players seated. */
  rooms: number
  players: number
  /** Messages Volley refused since start, by error code (rate limited, invalid…). */
  refused: Record<string, number>
}

const CAPACITY = 1 << 13

/** Ring buffers of tick timings and CPU samples, summarized over a window on request. */
export class ServerStats {
  readonly #tickAt = new Float64Array(CAPACITY)
  readonly #tickMs = new Float64Array(CAPACITY)
  readonly #inputs = new Float64Array(CAPACITY)
  #ticks = 0
  readonly #cpu: { at: number; micros: number }[] = []
  readonly #timer: ReturnType<typeof setInterval>
  readonly refused: Record<string, number> = {}

  constructor() {
    this.#sampleCpu()
    this.#timer = setInterval(() => this.#sampleCpu(), 500)
    this.#timer.unref()
  }

  #sampleCpu(): void {
    const { user, system } = process.cpuUsage()
    this.#cpu.push({ at: performance.now(), micros: user + system })
    if (this.#cpu.length > 600) this.#cpu.shift()
  }

  /** Records one tick: when it started, how long it took, how many inputs it applied. */
  tick(startedAt: number, durationMs: number, inputs: number): void {
    const i = this.#ticks++ % CAPACITY
    this.#tickAt[i] = startedAt
    this.#tickMs[i] = durationMs
    this.#inputs[i] = inputs
  }

  /** Counts a message Volley refused. */
  refusal(code: string): void {
    this.refused[code] = (this.refused[code] ?? 0) + 1
  }

  summary(windowMs: number, rooms: number, players: number): StatsSummary {
    const now = performance.now()
    const from = now - windowMs
    const durations: number[] = []
    let inputs = 0
    let first = now
    for (let n = 0; n < Math.min(this.#ticks, CAPACITY); n++) {
      const i = (this.#ticks - 1 - n) % CAPACITY
      if (this.#tickAt[i]! < from) break
      first = this.#tickAt[i]!
      durations.push(this.#tickMs[i]!)
      inputs += this.#inputs[i]!
    }
    durations.sort((a, b) => a - b)
    const span = Math.max(1, now - Math.max(from, first))
    const { user, system } = process.cpuUsage()
    const start = this.#cpu.find((sample) => sample.at >= from) ?? { at: now, micros: user + system }
    const cpuSpan = now - start.at
    const round = (value: number, digits = 2): number => Number(value.toFixed(digits))
    return {
      windowMs: round(span, 0),
      tickRate: round((durations.length * 1000) / span, 1),
      tickMs: {
        p50: round(percentile(durations, 50), 3),
        p99: round(percentile(durations, 99), 3),
        max: round(durations[durations.length - 1] ?? 0, 3),
      },
      cpuPercent: cpuSpan > 0 ? round(((user + system - start.micros) / 1000 / cpuSpan) * 100, 1) : 0,
      inputsPerSecond: round((inputs * 1000) / span, 0),
      rooms,
      players,
      refused: { ...this.refused },
    }
  }

  stop(): void {
    clearInterval(this.#timer)
  }
}
