export { getVolley } from './getVolley'
export { createRouteHandler } from './createRouteHandler'
export type { RouteEventHandler, RouteHandlerOptions } from './createRouteHandler'
export { parsePayload } from './parsePayload'
export { createSessionCookie } from './sessionCookie'
export type {
  CookieSource,
  SessionCookie,
  SessionCookieAttributes,
  SessionCookieOptions,
} from './sessionCookie'
export { singleton } from './singleton'
