import type { Kpis, Metrics, Point, TrackEvent } from './contract'

const MINUTE = 60_000
/** Top pages count the views of the last five minutes. */
const TOP_PAGES_WINDOW = 5 * MINUTE
/** The charts keep three minutes of one-second points. */
const SERIES_LENGTH = 180

/** 95th percentile (nearest rank) of a list of numbers; 0 for none. */
export function percentile95(values: readonly number[]): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!
}

/**
 * The launch's analytics: rolling windows over the tracked events, the revenue since launch, and one chart
 * point per second.
 */
export class MetricsWindow {
  #signups: number[] = []
  #pageviews: { at: number; path: string; latencyMs: number }[] = []
  #revenue = 0
  #series: Point[] = []

  /** Records events (already validated by the contract). */
  add(events: readonly TrackEvent[], at = Date.now()): void {
    for (const event of events) {
      if (event.type === 'signup') this.#signups.push(at)
      else if (event.type === 'purchase')
        this.#revenue = Math.round((this.#revenue + event.amount) * 100) / 100
      else this.#pageviews.push({ at, path: event.path, latencyMs: event.latencyMs })
    }
  }

  /** The KPIs now. */
  kpis(now = Date.now()): Kpis {
    this.#prune(now)
    const lastMinute = this.#pageviews.filter((view) => view.at > now - MINUTE)
    return {
      signupsPerMin: this.#signups.filter((at) => at > now - MINUTE).length,
      revenue: this.#revenue,
      p95: Math.round(percentile95(lastMinute.map((view) => view.latencyMs))),
      pageviewsPerMin: lastMinute.length,
    }
  }

  /** The five most viewed paths of the last five minutes. */
  topPages(now = Date.now()): { path: string; views: number }[] {
    this.#prune(now)
    const views = new Map<string, number>()
    for (const { path } of this.#pageviews) views.set(path, (views.get(path) ?? 0) + 1)
    return [...views]
      .map(([path, count]) => ({ path, views: count }))
      .sort((a, b) => b.views - a.views || a.path.localeCompare(b.path))
      .slice(0, 5)
  }

  /** Appends this second's chart point and returns the full snapshot to send. */
  tick(now = Date.now()): Metrics {
    const snapshot = this.snapshot(now)
    const last = this.#series.at(-1)
    if (last !== undefined && last.t === snapshot.point.t)
      this.#series[this.#series.length - 1] = snapshot.point
    else this.#series.push(snapshot.point)
    if (this.#series.length > SERIES_LENGTH) this.#series.splice(0, this.#series.length - SERIES_LENGTH)
    return snapshot
  }

  /** The KPIs, top pages and the current point, without recording the point. */
  snapshot(now = Date.now()): Metrics {
    const kpis = this.kpis(now)
    const point = { t: Math.floor(now / 1000), signupsPerMin: kpis.signupsPerMin, p95: kpis.p95 }
    return { at: now, kpis, topPages: this.topPages(now), point }
  }

  /** The chart points so far (for the first render). */
  series(): Point[] {
    return [...this.#series]
  }

  #prune(now: number): void {
    const signupsFrom = this.#signups.findIndex((at) => at > now - MINUTE)
    this.#signups.splice(0, signupsFrom === -1 ? this.#signups.length : signupsFrom)
    const viewsFrom = this.#pageviews.findIndex((view) => view.at > now - TOP_PAGES_WINDOW)
    this.#pageviews.splice(0, viewsFrom === -1 ? this.#pageviews.length : viewsFrom)
  }
}
