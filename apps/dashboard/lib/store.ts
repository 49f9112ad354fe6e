import { singleton } from '@volley/next'
import { AlertBook } from './alertBook'
import type { User } from './contract'
import { Inbox } from './inbox'
import { MetricsWindow } from './metricsWindow'

/** Everything Launch Control knows, in memory. */
export class LaunchStore {
  readonly metrics = new MetricsWindow()
  readonly alerts = new AlertBook()
  readonly inbox = new Inbox()
  /** Everyone who signed in: alerts notify each of them, watching or not. */
  readonly users = new Map<string, User>()
  readonly launchedAt = Date.now()
  trafficRunning = false
}

/**
 * The one store of the process. The custom server and the route code that Next bundles separately each have
 * their own copy of this module: `singleton` hands them the same instance (and keeps it across hot reloads).
 */
export const store = (): LaunchStore => singleton('launch-control:store', () => new LaunchStore())
