'use client'
import { useRef, useState, useTransition } from 'react'
import type { Alert, User } from '../../lib/contract'
import { acknowledgeAlert } from '../actions'
import { Ago } from './Ago'
import { toast } from './toasts'
import { useRenderCount } from './useRenderCount'
import { useResync } from './useResync'
import { useSocket, useSocketEvent } from './volley'

function AlertItem({ alert, me }: { alert: Alert; me: User }) {
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | undefined>(undefined)
  const state =
    alert.resolvedAt !== undefined
      ? 'resolved'
      : alert.acknowledgedBy !== undefined
        ? 'acknowledged'
        : 'active'
  return (
    <li
      className={`alert alert-${alert.level} alert-${state}`}
      data-testid="alert"
      data-alert-id={alert.id}
      data-state={state}
    >
      <div className="alert-head">
        <span className={`chip chip-${alert.level}`}>{alert.level === 'critical' ? 'Critical' : 'Info'}</span>
        <strong>{alert.title}</strong>
      </div>
      <p className="alert-detail">{alert.detail}</p>
      <div className="alert-foot">
        <span className="muted">
          Raised <Ago at={alert.raisedAt} />
          {alert.resolvedAt !== undefined && ' · resolved'}
        </span>
        {alert.acknowledgedBy !== undefined ? (
          <span className="acknowledged" data-testid="acknowledged-by">
            ✓ {alert.acknowledgedBy.id === me.id ? 'You' : alert.acknowledgedBy.name} acknowledged
          </span>
        ) : (
          <button
            className="button button-small"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await acknowledgeAlert({ id: alert.id })
                setError(result.ok ? undefined : result.error.message)
              })
            }
          >
            {pending ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        )}
      </div>
      {error && <p className="form-error">{error}</p>}
    </li>
  )
}

/** Threshold alerts, live: raised, acknowledged (by a Server Action) and resolved. */
export function AlertsPanel({ initial, me }: { initial: Alert[]; me: User }) {
  const known = useRef(new Map(initial.map((alert) => [alert.id, alert])))
  const [alerts, setAlerts] = useState(initial)
  useRenderCount('alerts')
  const client = useSocket()
  const show = () =>
    setAlerts([...known.current.values()].sort((a, b) => b.raisedAt - a.raisedAt).slice(0, 10))
  useSocketEvent('alert', (alert) => {
    const before = known.current.get(alert.id)
    known.current.set(alert.id, alert)
    if (
      before?.acknowledgedBy === undefined &&
      alert.acknowledgedBy !== undefined &&
      alert.acknowledgedBy.id !== me.id
    ) {
      toast({
        tone: 'success',
        title: `${alert.acknowledgedBy.name} acknowledged an alert`,
        body: alert.title,
      })
    }
    show()
  })
  // Catch-up: alerts raised, acknowledged or resolved while the tab was offline.
  useResync(async () => {
    const { alerts: current } = await client.request('alerts:list', {})
    for (const alert of current) known.current.set(alert.id, alert)
    show()
  })
  if (alerts.length === 0) {
    return (
      <p className="empty" data-testid="alerts-empty">
        All clear. An alert fires when p95 latency passes 800 ms or signups pass 120 a minute.
      </p>
    )
  }
  return (
    <ul className="alerts" data-testid="alerts">
      {alerts.map((alert) => (
        <AlertItem key={alert.id} alert={alert} me={me} />
      ))}
    </ul>
  )
}
