import type { VolleyServer } from '@volley/core/server'
import type { dashboard, User } from '../lib/contract'
import { INBOX_KEEP } from '../lib/inbox'
import { acknowledge, DASHBOARD_ROOM, markRead, ping, tick, track, userRoom } from '../lib/launchControl'
import { store } from '../lib/store'
import { trafficBatch } from '../lib/traffic'

/** The dashboard's Volley server: every socket carries the viewer's session (see `withSession`). */
export type DashboardServer = VolleyServer<typeof dashboard, { session: User }>

/** Options for `attachLaunchControl`. */
export interface LaunchControlOptions {
  /** Start with the traffic generator running. Defaults to `true`. */
  traffic?: boolean
}

/** The subscriptions, the presence, the socket handlers, the one-second tick and the traffic generator. */
export function attachLaunchControl(
  io: DashboardServer,
  options: LaunchControlOptions = {},
): { stop(): void } {
  const state = store()

  let generator: NodeJS.Timeout | undefined
  const setTraffic = (running: boolean): void => {
    state.trafficRunning = running
    clearInterval(generator)
    generator = undefined
    if (running) {
      const started = Date.now()
      generator = setInterval(() => {
        const events = trafficBatch(250, Date.now() - started)
        if (events.length > 0) state.metrics.add(events)
      }, 250)
      generator.unref()
    }
    io.to(DASHBOARD_ROOM).emit('traffic', { running })
  }
  setTraffic(options.traffic ?? true)

  // Each user's inbox is a resumable stream only that user may read (notifications, read marks).
  io.subscription('inbox', {
    authorize: ({ socket, params }) => params.user === socket.data.session.id,
    retention: { count: 2 * INBOX_KEEP },
  })
  // The alerts are state: every (re)subscribe gets the recent ones as they are now, then each change.
  io.subscription('alerts', { snapshot: () => ({ alerts: state.alerts.recent() }) })
  // Who is watching: the server tracks each connection with its session's name; pages may only watch (a
  // page that tracks itself with a meta is refused), so nobody can show another name. Two tabs of one
  // user are one viewer.
  const viewers = io.presence('viewers', {
    key: (socket) => socket.data.session.id,
    authorize: ({ meta }) => meta === undefined,
  })

  io.on('connection', (socket) => {
    const me = socket.data.session
    state.users.set(me.id, me)
    void socket.join([DASHBOARD_ROOM, userRoom(me.id)])
    viewers
      .track(socket, {}, { name: me.name })
      .catch((error: unknown) => console.error('[launch-control] tracking a viewer failed:', error))

    socket.on('track', ({ events }) => ({ accepted: track(io, events) }))
    socket.on('notifications:read', ({ upTo }) => markRead(io, me.id, upTo))
    socket.on('viewer:ping', ({ to, message }) => ping(io, me, to, message))
    socket.on('traffic:set', ({ running }) => {
      setTraffic(running)
      return { running }
    })
    socket.on('alert:ack', ({ id }) => acknowledge(io, id, me))

    socket.emit('traffic', { running: state.trafficRunning })
  })

  const ticker = setInterval(
    () => void tick(io).catch((error: unknown) => console.error('[launch-control] tick failed:', error)),
    1_000,
  )
  ticker.unref()
  return {
    stop() {
      clearInterval(ticker)
      clearInterval(generator)
    },
  }
}
