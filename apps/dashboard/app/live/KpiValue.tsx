'use client'
import type { Kpis, Metrics } from '../../lib/contract'
import { formatKpi } from '../../lib/format'
import { useMetrics } from './useMetrics'
import { useRenderCount } from './useRenderCount'

/** The live number of one KPI card: it alone re-renders when its value changes. */
export function KpiValue({ metric, initial }: { metric: keyof Kpis; initial: Metrics }) {
  const value = useMetrics((metrics) => metrics.kpis[metric], initial)
  useRenderCount(`kpi:${metric}`)
  return (
    <span className="kpi-value" data-testid={`kpi-${metric}`} data-value={value}>
      {formatKpi(metric, value)}
    </span>
  )
}
