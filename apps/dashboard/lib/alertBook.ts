import type { Alert, Kpis, User } from './contract'

interface Rule {
  readonly rule: Alert['rule']
  readonly level: Alert['level']
  /** Raised when this holds… */
  readonly raise: (kpis: Kpis) => boolean
  /** …and resolved when this holds (lower than the raise threshold, so it does not flap). */
  readonly resolve: (kpis: Kpis) => boolean
  readonly title: string
  readonly detail: (kpis: Kpis) => string
}

/** The thresholds Launch Control watches. */
export const RULES: readonly Rule[] = [
  {
    rule: 'p95',
    level: 'critical',
    raise: (kpis) => kpis.pageviewsPerMin >= 5 && kpis.p95 > 800,
    resolve: (kpis) => kpis.p95 < 700,
    title: 'p95 latency above 800 ms',
    detail: (kpis) => `p95 is ${kpis.p95} ms over the last minute (${kpis.pageviewsPerMin} page views).`,
  },
  {
    rule: 'signups',
    level: 'info',
    raise: (kpis) => kpis.signupsPerMin >= 120,
    resolve: (kpis) => kpis.signupsPerMin < 100,
    title: 'Signups are surging',
    detail: (kpis) => `${kpis.signupsPerMin} signups in the last minute.`,
  },
]

/** What changed when the KPIs were checked. */
export interface AlertChanges {
  readonly raised: Alert[]
  readonly resolved: Alert[]
}

/** Threshold alerts: raised once when a rule starts to hold, resolved when it stops, acknowledged by a viewer. */
export class AlertBook {
  #alerts: Alert[] = []
  #next = 1

  /** Checks the KPIs against the rules. */
  check(kpis: Kpis, now = Date.now()): AlertChanges {
    const raised: Alert[] = []
    const resolved: Alert[] = []
    for (const rule of RULES) {
      const open = this.#alerts.find((alert) => alert.rule === rule.rule && alert.resolvedAt === undefined)
      if (open === undefined && rule.raise(kpis)) {
        const alert: Alert = {
          id: `alert-${this.#next++}`,
          rule: rule.rule,
          level: rule.level,
          title: rule.title,
          detail: rule.detail(kpis),
          raisedAt: now,
        }
        this.#alerts.push(alert)
        raised.push(alert)
      } else if (open !== undefined && rule.resolve(kpis)) {
        resolved.push(this.#replace({ ...open, resolvedAt: now }))
      }
    }
    return { raised, resolved }
  }

  /** Acknowledges an alert; `undefined` when there is no such alert. Acknowledging twice keeps the first. */
  acknowledge(id: string, by: User, now = Date.now()): Alert | undefined {
    const alert = this.#alerts.find((candidate) => candidate.id === id)
    if (alert === undefined || alert.acknowledgedBy !== undefined) return alert
    return this.#replace({ ...alert, acknowledgedBy: by, acknowledgedAt: now })
  }

  /** The most recent alerts, newest first. */
  recent(limit = 10): Alert[] {
    return this.#alerts.slice(-limit).reverse()
  }

  #replace(alert: Alert): Alert {
    this.#alerts = this.#alerts.map((candidate) => (candidate.id === alert.id ? alert : candidate))
    return alert
  }
}
