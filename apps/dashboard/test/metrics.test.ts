import { describe, expect, it } from 'vitest'
import { AlertBook } from '../lib/alertBook'
import { Inbox } from '../lib/inbox'
import { MetricsWindow, percentile95 } from '../lib/metricsWindow'

const kpis = (
  over: Partial<{ signupsPerMin: number; revenue: number; p95: number; pageviewsPerMin: number }>,
) => ({
  signupsPerMin: 0,
  revenue: 0,
  p95: 0,
  pageviewsPerMin: 0,
  ...over,
})

describe('MetricsWindow', () => {
  it('counts signups and page views of the last minute, revenue since launch, and p95 latency', () => {
    const metrics = new MetricsWindow()
    const t0 = 1_000_000
    metrics.add(
      [
        { type: 'signup', plan: 'free' },
        { type: 'purchase', amount: 29.99 },
      ],
      t0,
    )
    metrics.add(
      Array.from({ length: 20 }, (_, i) => ({
        type: 'pageview' as const,
        path: i < 15 ? '/' : '/pricing',
        latencyMs: (i + 1) * 10,
      })),
      t0 + 1_000,
    )
    expect(metrics.kpis(t0 + 2_000)).toEqual({
      signupsPerMin: 1,
      revenue: 29.99,
      p95: 190,
      pageviewsPerMin: 20,
    })
    expect(metrics.topPages(t0 + 2_000)).toEqual([
      { path: '/', views: 15 },
      { path: '/pricing', views: 5 },
    ])
    // A minute later the windows are empty; revenue stays; top pages keep five minutes.
    expect(metrics.kpis(t0 + 62_000)).toEqual({
      signupsPerMin: 0,
      revenue: 29.99,
      p95: 0,
      pageviewsPerMin: 0,
    })
    expect(metrics.topPages(t0 + 62_000)).toHaveLength(2)
    expect(metrics.topPages(t0 + 302_000)).toEqual([])
  })

  it('records one chart point per second, the latest value of each second', () => {
    const metrics = new MetricsWindow()
    metrics.tick(10_000)
    metrics.add([{ type: 'signup', plan: 'pro' }], 10_500)
    metrics.tick(10_600)
    metrics.tick(11_000)
    expect(metrics.series()).toEqual([
      { t: 10, signupsPerMin: 1, p95: 0 },
      { t: 11, signupsPerMin: 1, p95: 0 },
    ])
  })

  it('takes the nearest-rank 95th percentile', () => {
    expect(percentile95([])).toBe(0)
    expect(percentile95([5])).toBe(5)
    expect(percentile95(Array.from({ length: 100 }, (_, i) => i + 1))).toBe(95)
  })
})

describe('AlertBook', () => {
  it('raises an alert once, resolves it below a lower threshold, and keeps the first acknowledgement', () => {
    const alerts = new AlertBook()
    const slow = kpis({ p95: 950, pageviewsPerMin: 30 })
    const { raised } = alerts.check(slow, 1)
    expect(raised).toMatchObject([{ rule: 'p95', level: 'critical', title: 'p95 latency above 800 ms' }])
    expect(alerts.check(slow, 2).raised).toEqual([])
    expect(alerts.check(kpis({ p95: 750, pageviewsPerMin: 30 }), 3).resolved).toEqual([]) // between the thresholds
    const ada = { id: 'u1', name: 'Ada' }
    expect(alerts.acknowledge(raised[0]!.id, ada, 4)).toMatchObject({
      acknowledgedBy: ada,
      acknowledgedAt: 4,
    })
    expect(alerts.acknowledge(raised[0]!.id, { id: 'u2', name: 'Bob' }, 5)?.acknowledgedBy).toEqual(ada)
    expect(alerts.check(kpis({ p95: 300, pageviewsPerMin: 30 }), 6).resolved).toMatchObject([
      { resolvedAt: 6 },
    ])
    expect(alerts.check(slow, 7).raised).toHaveLength(1) // a new one
    expect(alerts.acknowledge('alert-404', ada)).toBeUndefined()
    expect(alerts.check(kpis({ p95: 5_000, pageviewsPerMin: 2 }), 8).raised).toEqual([]) // too few page views
  })
})

describe('Inbox', () => {
  it('numbers notifications per user, answers "after n", and marks them read', () => {
    const inbox = new Inbox()
    const ping = { kind: 'ping' as const, title: 'Hi', body: 'there' }
    inbox.add('a', ping)
    inbox.add('a', ping)
    inbox.add('b', ping)
    inbox.add('a', ping)
    expect(inbox.since('a', 1).notifications.map((item) => item.seq)).toEqual([2, 3])
    expect(inbox.since('b', 0).notifications.map((item) => item.seq)).toEqual([1])
    expect(inbox.markRead('a', 2)).toBe(1)
    expect(inbox.since('a', 0)).toMatchObject({
      unread: 1,
      notifications: [{ read: true }, { read: true }, { read: false }],
    })
    expect(inbox.since('nobody', 0)).toEqual({ notifications: [], unread: 0 })
  })
})
