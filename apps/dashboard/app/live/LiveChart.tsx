'use client'
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Point } from '../../lib/contract'
import { useSocket } from './volley'
import { useRenderCount } from './useRenderCount'

const HEIGHT = 190
const KEEP = 180

/** Options for a `LiveChart`. */
export interface LiveChartProps {
  /** Which value of each one-second point to draw. */
  series: 'signupsPerMin' | 'p95'
  /** The points so far, rendered by the server. */
  initial: Point[]
  /** The line colour. */
  color: string
  /** The name in the tooltip. */
  label: string
  /** A dashed line at this value (an alert threshold). */
  threshold?: number
}

const axis = (): uPlot.Axis => ({
  stroke: '#64748b',
  font: '11px ui-sans-serif, system-ui, sans-serif',
  grid: { stroke: '#eef2f7', width: 1 },
  ticks: { stroke: '#e2e8f0', width: 1, size: 4 },
})

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })

/** The time axis: wall-clock times, one label every 80 px or so. */
const timeAxis = (): uPlot.Axis => ({
  ...axis(),
  space: 80,
  values: (_chart, splits) => splits.map((seconds) => clock.format(seconds * 1000)),
})

/**
 * A streaming line chart (uPlot, canvas). The chart subscribes to the `metrics` event itself and calls
 * `setData`: a new point every second redraws the canvas without any React render.
 */
export function LiveChart({ series, initial, color, label, threshold }: LiveChartProps) {
  const host = useRef<HTMLDivElement>(null)
  const observer = useSocket().observe('metrics')
  useRenderCount(`chart:${series}`)

  useEffect(() => {
    const element = host.current
    if (element === null) return
    const points = initial.slice(-KEEP)
    const data = (): uPlot.AlignedData => [
      points.map((point) => point.t),
      points.map((point) => point[series]),
      ...(threshold === undefined ? [] : [points.map(() => threshold)]),
    ]
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          y: {
            range: (_u, _min, max) => [
              0,
              Math.max(max * 1.15, threshold === undefined ? 5 : threshold * 1.2),
            ],
          },
        },
        axes: [timeAxis(), { ...axis(), size: 48 }],
        series: [
          {},
          { label, stroke: color, width: 2, fill: `${color}1f`, points: { show: false } },
          ...(threshold === undefined
            ? []
            : [{ label: 'Threshold', stroke: '#ef4444', width: 1, dash: [6, 4], points: { show: false } }]),
        ],
      },
      data(),
      element,
    )
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }))
    resize.observe(element)
    const unsubscribe = observer.subscribe(() => {
      const metrics = observer.getSnapshot().data
      if (metrics === undefined) return
      const last = points.at(-1)
      if (last !== undefined && last.t === metrics.point.t) points[points.length - 1] = metrics.point
      else points.push(metrics.point)
      if (points.length > KEEP) points.splice(0, points.length - KEEP)
      chart.setData(data())
      element.dataset.last = String(metrics.point[series])
      element.dataset.updates = String(Number(element.dataset.updates ?? 0) + 1)
    })
    return () => {
      unsubscribe()
      resize.disconnect()
      chart.destroy()
    }
  }, [observer, initial, series, color, label, threshold])

  return <div ref={host} className="chart" data-testid={`chart-${series}`} />
}
