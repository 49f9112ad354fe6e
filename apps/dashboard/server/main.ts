// Launch Control's server: Next (dev with Turbopack, or the production build) and Volley on one port.
//   development: `pnpm dev` (tsx server/main.ts --dev)   production: `pnpm build && pnpm start`
import { randomBytes } from 'node:crypto'
import next from 'next'
import { createServer } from '@volley/core/server'
import { serve, withSession } from '@volley/next/server'
import { dashboard } from '../lib/contract'
import { session } from '../lib/session'
import { attachLaunchControl } from './attachLaunchControl'

const dev = process.argv.includes('--dev')
if (!process.env.SESSION_SECRET) {
  // A demo default: sessions end when the server restarts. Set SESSION_SECRET to keep them.
  process.env.SESSION_SECRET = randomBytes(32).toString('hex')
}

const io = withSession(createServer(dashboard, { pingInterval: 10_000, pingTimeout: 5_000 }), session, {
  message: 'Sign in to Launch Control.',
})
attachLaunchControl(io, { traffic: process.env.TRAFFIC !== 'off' })

const app = next({ dev, turbopack: true })
const { url } = await serve({ app, io, port: Number(process.env.PORT ?? 3000) })
console.log(`[launch-control] ${dev ? 'development' : 'production'} server on ${url}`)
