// What Launch Control does when something happens: update the store, then tell the viewers. Used by the
// custom server (sockets, the one-second tick) and by route code (POST /api/track, the Server Action),
// which passes the server it gets from getVolley(dashboard).
import { VolleyError } from '@volley/core'
import type { VolleyServer } from '@volley/core/server'
import type { Alert, dashboard, Notification, TrackEvent, User } from './contract'
import { store } from './store'

/** The part of the Volley server these functions use (the custom server's, or getVolley's in route code). */
export type Emitter = Pick<VolleyServer<typeof dashboard>, 'to' | 'in' | 'publish'>

/** Every viewer of the dashboard is in this room (the metrics); each user also has a room of their own. */
export const DASHBOARD_ROOM = 'dashboard'
export const userRoom = (id: string): string => `user:${id}`

/** Records analytics events and pushes the new KPIs to every viewer at once. */
export function track(io: Emitter, events: readonly TrackEvent[]): number {
  const { metrics } = store()
  metrics.add(events)
  io.to(DASHBOARD_ROOM).emit('metrics', metrics.snapshot())
  return events.length
}

/** A private notification: stored in the user's inbox, published to the user's `inbox` stream only. */
export async function notify(
  io: Emitter,
  userId: string,
  notification: Pick<Notification, 'kind' | 'title' | 'body' | 'from'>,
): Promise<Notification> {
  const added = store().inbox.add(userId, notification)
  await io.publish('inbox', { user: userId }, { type: 'notification', notification: added })
  return added
}

/** The user read the notifications up to `upTo` (in one tab): every tab of the user follows. */
export async function markRead(io: Emitter, userId: string, upTo: number): Promise<{ unread: number }> {
  const unread = store().inbox.markRead(userId, upTo)
  await io.publish('inbox', { user: userId }, { type: 'read', upTo })
  return { unread }
}

/** Once a second: the KPIs and chart point to every viewer, then the alert thresholds. */
export async function tick(io: Emitter, now = Date.now()): Promise<void> {
  const { metrics, alerts, users } = store()
  const snapshot = metrics.tick(now)
  io.to(DASHBOARD_ROOM).emit('metrics', snapshot)
  const { raised, resolved } = alerts.check(snapshot.kpis, now)
  for (const alert of raised) {
    await io.publish('alerts', {}, alert)
    for (const { id } of users.values())
      await notify(io, id, { kind: 'alert', title: alert.title, body: alert.detail })
  }
  for (const alert of resolved) await io.publish('alerts', {}, alert)
}

/** A viewer acknowledges an alert: every viewer sees who did. */
export async function acknowledge(io: Emitter, id: string, by: User): Promise<Alert> {
  const alert = store().alerts.acknowledge(id, by)
  if (alert === undefined) throw new VolleyError('VALIDATION_FAILED', `There is no alert "${id}".`)
  await io.publish('alerts', {}, alert)
  return alert
}

/** One viewer pings another: a private notification for the other only. */
export async function ping(
  io: Emitter,
  from: User,
  to: string,
  message: string,
): Promise<{ delivered: boolean }> {
  const target = store().users.get(to)
  if (target === undefined || target.id === from.id) {
    throw new VolleyError('VALIDATION_FAILED', 'Pick another viewer to ping.')
  }
  await notify(io, target.id, { kind: 'ping', title: `${from.name} pinged you`, body: message, from })
  return { delivered: true }
}
