'use client'
import { useRef, useState, useTransition } from 'react'
import type { Alert, User } from '../../lib/contract'
import { acknowledgeAlert } from '../actions'
import { Ago } from './Ago'
import { toast } from './toasts'
import { useRenderCount } from './useRenderCount'
import { useSubscription } from './volley'

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

/**
 * Threshold alerts, live: raised, acknowledged (by a Server Action) and resolved. The `alerts` subscription
 * sends the recent alerts as they are now on every (re)subscribe, so a tab that was offline shows their
 * current state, then each change as it happens.
 */
export function AlertsPanel({ initial, me }: { initial: Alert[]; me: User }) {
  const known = useRef(new Map(initial.map((alert) => [alert.id, alert])))
  const [alerts, setAlerts] = useState(initial)
  useRenderCount('alerts')
  const apply = (changed: readonly Alert[], live: boolean) => {
    // A snapshot (the recent alerts as they are now) replaces what the tab had, ids of another server life too.
    if (!live) known.current = new Map()
    for (const alert of changed) {
      const before = known.current.get(alert.id)
      known.current.set(alert.id, alert)
      const by = alert.acknowledgedBy
      if (live && by !== undefined && by.id !== me.id && before?.acknowledgedBy === undefined) {
        toast({ tone: 'success', title: `${by.name} acknowledged an alert`, body: alert.title })
      }
    }
    setAlerts([...known.current.values()].sort((a, b) => b.raisedAt - a.raisedAt).slice(0, 10))
  }
  useSubscription(
    'alerts',
    {},
    {
      onSnapshot: ({ alerts: current }) => apply(current, false),
      onItems: (changed) => apply(changed, true),
    },
  )
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
