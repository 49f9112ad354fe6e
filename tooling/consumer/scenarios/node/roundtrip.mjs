// ESM round trip: `node roundtrip.mjs zod4|zod3|valibot` prints what a real server and client exchanged.
import { defineContract, VolleyError } from '@volley/core'
import { createServer } from '@volley/core/server'
import { createClient } from '@volley/core/client'
import exchangeModule from './exchange.cjs'
import chatEvents from './schemas.cjs'

const kind = process.argv[2]
const lib = await import({ zod4: 'zod', zod3: 'zod3', valibot: 'valibot' }[kind])
const result = await exchangeModule.exchange(
  { defineContract, createServer, createClient, VolleyError },
  chatEvents(kind, lib),
)
console.log(JSON.stringify(result))
