// The one contract of Launch Control: the custom server, Route Handlers, Server Actions and the browser import it.
import { defineContract } from '@volley/core'
import { z } from 'zod'

export const user = z.object({ id: z.string(), name: z.string() })
export type User = z.infer<typeof user>

/** One analytics event, as the product under launch reports it to `POST /api/track`. */
export const trackEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('signup'), plan: z.enum(['free', 'pro', 'team']).default('free') }),
  z.object({ type: z.literal('purchase'), amount: z.number().positive().max(100_000) }),
  z.object({
    type: z.literal('pageview'),
    path: z
      .string()
      .regex(/^\/[\w\-./]*$/, 'A path starts with "/"')
      .max(200),
    latencyMs: z.number().min(0).max(60_000),
  }),
])
export type TrackEvent = z.input<typeof trackEvent>

export const kpis = z.object({
  signupsPerMin: z.number(),
  revenue: z.number(),
  p95: z.number(),
  pageviewsPerMin: z.number(),
})
export type Kpis = z.infer<typeof kpis>

/** One second of the charts. */
export const point = z.object({ t: z.number(), signupsPerMin: z.number(), p95: z.number() })
export type Point = z.infer<typeof point>

export const topPage = z.object({ path: z.string(), views: z.number() })

export const metrics = z.object({ at: z.number(), kpis, topPages: z.array(topPage).max(5), point })
export type Metrics = z.infer<typeof metrics>

export const alert = z.object({
  id: z.string(),
  rule: z.enum(['p95', 'signups']),
  level: z.enum(['critical', 'info']),
  title: z.string(),
  detail: z.string(),
  raisedAt: z.number(),
  acknowledgedBy: user.optional(),
  acknowledgedAt: z.number().optional(),
  resolvedAt: z.number().optional(),
})
export type Alert = z.infer<typeof alert>

export const notification = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['alert', 'ping', 'system']),
  title: z.string(),
  body: z.string(),
  at: z.number(),
  from: user.optional(),
})
export type Notification = z.infer<typeof notification>

/** What happens in a user's inbox: a new notification, or the user read everything up to `upTo` (in some tab). */
export const inboxItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notification'), notification }),
  z.object({ type: z.literal('read'), upTo: z.number().int().min(0) }),
])
export type InboxItem = z.infer<typeof inboxItem>

export const dashboard = defineContract({
  clientToServer: {
    /** Analytics events; `POST /api/track` validates its body with this schema too. */
    track: {
      payload: z.object({ events: z.array(trackEvent).min(1).max(500) }),
      ack: z.object({ accepted: z.number() }),
    },
    /** Marks the user's notifications up to `upTo` as read. */
    'notifications:read': {
      payload: z.object({ upTo: z.number().int().min(0) }),
      ack: z.object({ unread: z.number().int().min(0) }),
    },
    /** A private notification to another viewer. */
    'viewer:ping': {
      payload: z.object({ to: z.string(), message: z.string().trim().min(1).max(140) }),
      ack: z.object({ delivered: z.boolean() }),
    },
    /** Starts or stops the built-in traffic generator. */
    'traffic:set': { payload: z.object({ running: z.boolean() }), ack: z.object({ running: z.boolean() }) },
    /** Acknowledges an alert (the "Acknowledge" Server Action validates its input with this schema). */
    'alert:ack': { payload: z.object({ id: z.string().min(1) }), ack: alert },
  },
  serverToClient: {
    /** The KPIs, top pages and the chart point of the last second: at least once per second. */
    metrics: { payload: metrics },
    /** Whether the traffic generator runs. */
    traffic: { payload: z.object({ running: z.boolean() }) },
  },
  subscriptions: {
    /** One user's inbox (only that user may subscribe): resumed after each reconnect, once and in order. */
    inbox: { params: z.object({ user: z.string() }), item: inboxItem },
    /** The alerts: the recent ones as they are now on every (re)subscribe, then each change. */
    alerts: { params: z.object({}), item: alert, snapshot: z.object({ alerts: z.array(alert) }) },
  },
  presence: {
    /** Who is watching the dashboard: one member per signed-in user, however many tabs. */
    viewers: { params: z.object({}), meta: z.object({ name: z.string() }) },
  },
})
