// CommonJS round trip: `node roundtrip.cjs zod4|zod3|valibot` prints what a real server and client exchanged.
'use strict'
const { defineContract } = require('@volley/core')
const { createServer } = require('@volley/core/server')
const { createClient } = require('@volley/core/client')
const { exchange } = require('./exchange.cjs')
const chatEvents = require('./schemas.cjs')

const kind = process.argv[2]
const lib = require({ zod4: 'zod', zod3: 'zod3', valibot: 'valibot' }[kind])
exchange(
  { defineContract, createServer, createClient, VolleyError: require('@volley/core').VolleyError },
  chatEvents(kind, lib),
)
  .then((result) => console.log(JSON.stringify(result)))
  .catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
