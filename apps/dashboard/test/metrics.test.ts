import { describe, expect, it } from 'vitest'
import { AlertBook } from '../lib/alertBook'
import { applyInboxItems, Inbox, unreadCount } from '../lib/inbox'
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
  const ping = { kind: 'ping' as const, title: 'Hi', body: 'there' }

  it('numbers notifications per user and keeps a read mark that never moves back', () => {
    const inbox = new Inbox()
    inbox.add('a', ping)
    inbox.add('a', ping)
    inbox.add('b', ping)
    inbox.add('a', ping)
    expect(inbox.of('a').notifications.map((item) => item.seq)).toEqual([1, 2, 3])
    expect(inbox.of('b').notifications.map((item) => item.seq)).toEqual([1])
    expect(inbox.markRead('a', 2)).toBe(1)
    expect(inbox.markRead('a', 1)).toBe(1)
    expect(inbox.of('a').readUpTo).toBe(2)
    expect(inbox.of('nobody')).toEqual({ notifications: [], readUpTo: 0 })
  })

  it("applies the inbox subscription's items once each, newest first, counting those missed offline", () => {
    const note = (seq: number) => ({ ...ping, seq, at: seq })
    const start = { notifications: [note(2), note(1)], readUpTo: 1, missed: 0 }
    // The history replayed on the first subscribe repeats what the page rendered: nothing changes.
    expect(applyInboxItems(start, [{ type: 'notification', notification: note(1) }], false)).toBe(start)
    const after = applyInboxItems(
      start,
      [
        { type: 'notification', notification: note(3) },
        { type: 'read', upTo: 3 },
        { type: 'notification', notification: note(4) },
      ],
      true,
    )
    expect(after.notifications.map((item) => item.seq)).toEqual([4, 3, 2, 1])
    expect(after).toMatchObject({ readUpTo: 3, missed: 2 })
    expect(unreadCount(after)).toBe(1)
    expect(applyInboxItems(after, [{ type: 'read', upTo: 2 }], false)).toBe(after)
  })
})
