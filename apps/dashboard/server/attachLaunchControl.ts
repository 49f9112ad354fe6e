import type { VolleyServer } from '@volley/core/server'
import type { dashboard, User } from '../lib/contract'
import { acknowledge, DASHBOARD_ROOM, ping, tick, track, userRoom, viewers } from '../lib/launchControl'
import { store } from '../lib/store'
import { trafficBatch } from '../lib/traffic'

/** The dashboard's Volley server: every socket carries the viewer's session (see `withSession`). */
export type DashboardServer = VolleyServer<typeof dashboard, { session: User }>

/** Options for `attachLaunchControl`. */
export interface LaunchControlOptions {
  /** Start with the traffic generator running. Defaults to `true`. */
  traffic?: boolean
}

/** The socket handlers, the one-second tick and the traffic generator. */
export function attachLaunchControl(
  io: DashboardServer,
  options: LaunchControlOptions = {},
): { stop(): void } {
  const state = store()
  const broadcastViewers = async (): Promise<void> => {
    io.to(DASHBOARD_ROOM).emit('viewers', { viewers: await viewers(io) })
  }

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

  io.on('connection', (socket) => {
    const me = socket.data.session
    state.users.set(me.id, me)
    void socket.join([DASHBOARD_ROOM, userRoom(me.id)])

    socket.on('track', ({ events }) => ({ accepted: track(io, events) }))
    socket.on('notifications:sync', ({ after }) => state.inbox.since(me.id, after))
    socket.on('notifications:read', ({ upTo }) => {
      const unread = state.inbox.markRead(me.id, upTo)
      io.to(userRoom(me.id)).emit('notifications:read', { upTo, unread })
      return { unread }
    })
    socket.on('viewer:ping', ({ to, message }) => ping(io, me, to, message))
    socket.on('traffic:set', ({ running }) => {
      setTraffic(running)
      return { running }
    })
    socket.on('alerts:list', () => ({ alerts: state.alerts.recent() }))
    socket.on('alert:ack', ({ id }) => acknowledge(io, id, me))
    socket.on('disconnect', () => void broadcastViewers())

    socket.emit('traffic', { running: state.trafficRunning })
    void broadcastViewers()
  })

  const ticker = setInterval(() => tick(io), 1_000)
  ticker.unref()
  return {
    stop() {
      clearInterval(ticker)
      clearInterval(generator)
    },
  }
}
