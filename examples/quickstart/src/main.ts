// Runs the quick start end to end: a server on a free port, a client that prints the round trip.
import type { AddressInfo } from 'node:net'
import { runClient } from './client'
import { startServer } from './server'

const io = startServer(Number(process.env.PORT ?? 0))
const { port } = io.raw.httpServer.address() as AddressInfo
console.log(`server listening on http://localhost:${port}`)
await runClient(`http://localhost:${port}`)
await io.close()
console.log('done')
