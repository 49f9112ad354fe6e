// POST /api/track: analytics events from the product, validated by the contract's `track` schema. A bad body
// gets a 400 with the same `issues` a socket client would get; good ones move the KPIs for every viewer.
import { createRouteHandler, getVolley } from '@volley/next'
import { dashboard } from '../../../lib/contract'
import { track } from '../../../lib/launchControl'

export const POST = createRouteHandler(dashboard, 'track', ({ events }) => ({
  accepted: track(getVolley(dashboard), events),
}))
