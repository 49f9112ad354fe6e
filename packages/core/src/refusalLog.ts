import { truncate } from './bounded'
import { isSilent, type VolleyLogger } from './logger'

/**
 * What an episode belongs to: a server's socket.io socket (`'disconnect'`) or Engine.IO connection
 * (`'close'`), or a client's socket (`'disconnect'`; it reconnects, so each episode listens again). @internal
 */
export interface Closable {
  once(event: 'disconnect' | 'close', listener: () => void): unknown
}

/** Longest line Volley writes for one failure or summary. */
export const MAX_LOG_LINE = 1_000
/** Lines per second the log may write in a burst, and its sustained rate; more are counted, then summarized. */
const LINE_BURST = 200
const LINES_PER_SECOND = 50
/** Bytes waiting in a slow stderr past which the default (console) logger writes no more lines. */
const STDERR_BACKLOG = 1 << 20

/** Bytes waiting to be written to stderr in Node; `0` in a browser. */
function stderrBacklog(): number {
  try {
    return process.stderr?.writableLength ?? 0
  } catch {
    return 0
  }
}

/** A timer that does not keep a Node process alive (browsers have no `unref`). */
function background(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(callback, ms)
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}

/** A socket's (or a connection's) run of refusals and failures, from the first until it goes quiet. */
interface Episode {
  readonly label: string
  /** Per key (a code, or a code and an event): occurrences since the last summary, beyond the first logged one. */
  readonly counts: Map<string, number>
  /** Occurrences since the last summary, beyond the first of each key. */
  repeated: number
  /** Occurrences since the last tick. */
  recent: number
  startedAt: number
  timer: ReturnType<typeof setTimeout> | undefined
}

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}

/**
 * Keeps logs proportional to distinct problems, not to hostile traffic; the server and the client share
 * it. The first failure of each kind (error code, or code and event) from a socket or connection is logged at once;
 * repeats within its episode are only counted and summarized in one line every `episodeMs` while they go
 * on, and when the socket disconnects. An episode ends after `episodeMs` without failures. On top,
 * all lines share a budget (a burst of 200, then 50 per second) and, with the default console logger,
 * stop while more than 1 MiB waits to be written to a slow stderr; suppressed lines are counted and
 * reported once per `episodeMs`. Every line is at most `MAX_LOG_LINE` characters. @internal
 */
export class RefusalLog {
  readonly #episodes = new WeakMap<object, Episode>()
  readonly #watched = new WeakSet<object>()
  #tokens = LINE_BURST
  #refilledAt = Date.now()
  #suppressed = 0
  #suppressedTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly logger: VolleyLogger,
    private readonly episodeMs = 10_000,
  ) {}

  /**
   * Notes one failure of `owner` (a socket, or a connection for refused CONNECTs).
   * @param owner - a socket.io socket or an Engine.IO connection; its episode ends when it closes
   * @param key - the kind of failure
   * @param kind - what the owner is, for the summary (`socket`, `connection`, `client`)
   * @param id - its id, for the summary; the label is built only when an episode starts, not per failure
   * @param closes - the owner's event that ends its episode
   * @returns `true` when it is the first of its kind in the owner's episode: log it now with `write`
   */
  note(
    owner: Closable,
    key: string,
    kind: string,
    id: string | undefined,
    closes: 'disconnect' | 'close',
  ): boolean {
    if (isSilent(this.logger)) return false
    let episode = this.#episodes.get(owner)
    if (episode === undefined) {
      const label = id === undefined ? kind : `${kind} ${id}`
      episode = { label, counts: new Map(), repeated: 0, recent: 0, startedAt: Date.now(), timer: undefined }
      this.#episodes.set(owner, episode)
      this.#arm(owner, episode)
      if (!this.#watched.has(owner)) {
        this.#watched.add(owner)
        owner.once(closes, () => {
          this.#watched.delete(owner)
          this.end(owner)
        })
      }
    }
    episode.recent += 1
    const count = episode.counts.get(key)
    if (count === undefined) {
      episode.counts.set(key, 0)
      return true
    }
    episode.counts.set(key, count + 1)
    episode.repeated += 1
    return false
  }

  /** Writes a line within the budget (truncated to `MAX_LOG_LINE`); never throws. */
  write(level: 'warn' | 'error', line: string, detail?: unknown): void {
    if (!this.#allow()) {
      this.#suppressed += 1
      if (this.#suppressedTimer === undefined) {
        this.#suppressedTimer = background(() => this.#reportSuppressed(), this.episodeMs)
      }
      return
    }
    try {
      const text = truncate(line, MAX_LOG_LINE)
      if (detail === undefined) this.logger[level](text)
      else this.logger[level](text, detail)
    } catch {
      // A failing logger must not take the server (or the client's event delivery) down.
    }
  }

  /** The counted repeats of an owner's episode, as a phrase (`""` when there are none). */
  repeats(owner: object): string {
    const episode = this.#episodes.get(owner)
    if (episode === undefined || episode.repeated === 0) return ''
    const parts = [...episode.counts].filter(([, n]) => n > 0).map(([key, n]) => `${key} ×${n}`)
    const seconds = ((Date.now() - episode.startedAt) / 1000).toFixed(1)
    return `${plural(episode.repeated, 'repeat', 'repeats')} in ${seconds} s (${parts.join(', ')})`
  }

  /**
   * Ends an owner's episode (it disconnected).
   * @param summarize - write a summary of what was only counted. Defaults to `true`.
   */
  end(owner: object, summarize = true): void {
    const episode = this.#episodes.get(owner)
    if (episode === undefined) return
    clearTimeout(episode.timer)
    if (summarize) this.#summarize(owner, episode)
    this.#episodes.delete(owner)
  }

  #summarize(owner: object, episode: Episode): void {
    const repeats = this.repeats(owner)
    if (repeats !== '')
      this.write('warn', `[volley] ${episode.label}: ${repeats}, each kind logged once above.`)
    for (const key of episode.counts.keys()) episode.counts.set(key, 0)
    episode.repeated = 0
    episode.startedAt = Date.now()
  }

  #arm(owner: object, episode: Episode): void {
    episode.timer = background(() => {
      if (episode.recent === 0) return void this.#episodes.delete(owner)
      episode.recent = 0
      this.#summarize(owner, episode)
      this.#arm(owner, episode)
    }, this.episodeMs)
  }

  #allow(): boolean {
    if (this.logger === console && stderrBacklog() > STDERR_BACKLOG) return false
    const now = Date.now()
    this.#tokens = Math.min(LINE_BURST, this.#tokens + ((now - this.#refilledAt) * LINES_PER_SECOND) / 1000)
    this.#refilledAt = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }

  #reportSuppressed(): void {
    const count = this.#suppressed
    this.#suppressed = 0
    this.#suppressedTimer = undefined
    try {
      this.logger.warn(
        `[volley] ${plural(count, 'log line was', 'log lines were')} suppressed (over ${LINES_PER_SECOND} lines per second, or stderr backed up).`,
      )
    } catch {
      // As above.
    }
  }
}
