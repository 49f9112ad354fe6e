import { createSessionCookie } from '@volley/next'
import { user } from './contract'

/**
 * The signed-in viewer, in a signed cookie that Server Components, Server Actions and the socket handshake
 * read. The custom server sets `SESSION_SECRET` (a random one for the demo) before anything reads it.
 */
export const session = createSessionCookie({
  name: 'lc.session',
  schema: user,
  secret: () => process.env.SESSION_SECRET,
  // The demo is served over plain HTTP; behind HTTPS, leave `secure` to its default.
  secure: false,
})
