// What Launch Control does when something happens: update the store, then tell the viewers. Used by the
// custom server (sockets, the one-second tick) and by route code (POST /api/track, the Server Action),
// which passes the server it gets from getVolley(dashboard).
import { VolleyError } from '@volley/core'
import type { VolleyServer } from '@volley/core/server'
import { user, type Alert, type dashboard, type Notification, type TrackEvent, type User } from './contract'
import { store } from './store'

/** The part of the Volley server these functions use (the custom server's, or getVolley's in route code). */
export type Emitter = Pick<VolleyServer<typeof dashboard>, 'to' | 'in'>

/** Every viewer of the dashboard is in this room; each user also has a room of their own. */
export const DASHBOARD_ROOM = 'dashboard'
export const userRoom = (id: string): string => `user:${id}`

/** Records analytics events and pushes the new KPIs to every viewer at once. */
export function track(io: Emitter, events: readonly TrackEvent[]): number {
  const { metrics } = store()
  metrics.add(events)
  io.to(DASHBOARD_ROOM).emit('metrics', metrics.snapshot())
  return events.length
}

/** A private notification: stored in the user's inbox, sent to the user's room only. */
export function notify(
  io: Emitter,
  userId: string,
  notification: Pick<Notification, 'kind' | 'title' | 'body' | 'from'>,
): Notification {
  const added = store().inbox.add(userId, notification)
  io.to(userRoom(userId)).emit('notification', added)
  return added
}

/** Once a second: the KPIs and chart point to every viewer, then the alert thresholds. */
export function tick(io: Emitter, now = Date.now()): void {
  const { metrics, alerts, users } = store()
  const snapshot = metrics.tick(now)
  io.to(DASHBOARD_ROOM).emit('metrics', snapshot)
  const { raised, resolved } = alerts.check(snapshot.kpis, now)
  for (const alert of raised) {
    io.to(DASHBOARD_ROOM).emit('alert', alert)
    for (const { id } of users.values())
      notify(io, id, { kind: 'alert', title: alert.title, body: alert.detail })
  }
  for (const alert of resolved) io.to(DASHBOARD_ROOM).emit('alert', alert)
}

/** A viewer acknowledges an alert: every viewer sees who did. */
export function acknowledge(io: Emitter, id: string, by: User): Alert {
  const alert = store().alerts.acknowledge(id, by)
  if (alert === undefined) throw new VolleyError('VALIDATION_FAILED', `There is no alert "${id}".`)
  io.to(DASHBOARD_ROOM).emit('alert', alert)
  return alert
}

/** One viewer pings another: a private notification for the other only. */
export function ping(io: Emitter, from: User, to: string, message: string): { delivered: boolean } {
  const target = store().users.get(to)
  if (target === undefined || target.id === from.id) {
    throw new VolleyError('VALIDATION_FAILED', 'Pick another viewer to ping.')
  }
  notify(io, target.id, { kind: 'ping', title: `${from.name} pinged you`, body: message, from })
  return { delivered: true }
}

/** Who is watching, from the server's own room membership: each signed-in user once. */
export async function viewers(io: Emitter): Promise<User[]> {
  const sockets = await io.in(DASHBOARD_ROOM).fetchSockets()
  const byId = new Map<string, User>()
  for (const socket of sockets) {
    const parsed = user.safeParse((socket.data as { session?: unknown } | undefined)?.session)
    if (parsed.success) byId.set(parsed.data.id, parsed.data)
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name))
}
