'use client'
import type { Metrics } from '../../lib/contract'
import { useMetrics } from './useMetrics'
import { useRenderCount } from './useRenderCount'

/** The most viewed pages of the last five minutes, with bars; re-renders only when the ranking changes. */
export function TopPages({ initial }: { initial: Metrics }) {
  const key = useMetrics((metrics) => JSON.stringify(metrics.topPages), initial)
  useRenderCount('top-pages')
  const pages = JSON.parse(key) as Metrics['topPages']
  const max = Math.max(1, ...pages.map((page) => page.views))
  if (pages.length === 0) {
    return <p className="empty">No page views yet. Start the traffic generator or POST to /api/track.</p>
  }
  return (
    <ol className="top-pages" data-testid="top-pages">
      {pages.map((page) => (
        <li key={page.path}>
          <span className="top-pages-bar" style={{ width: `${(page.views / max) * 100}%` }} aria-hidden />
          <span className="top-pages-path">{page.path}</span>
          <span className="top-pages-views">{page.views.toLocaleString('en-US')}</span>
        </li>
      ))}
    </ol>
  )
}
