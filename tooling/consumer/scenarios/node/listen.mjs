// `listen` from @volley/express: what it binds and says, with and without a host.
import express from 'express'
import { defineContract } from '@volley/core'
import { createServer } from '@volley/core/server'
import { listen } from '@volley/express'
import { z } from 'zod'

const contract = defineContract({ clientToServer: {}, serverToClient: { notice: { payload: z.string() } } })
const results = {}
for (const [name, host] of [
  ['everywhere', undefined],
  ['loopback', '127.0.0.1'],
]) {
  const server = await listen(express(), createServer(contract, { logger: false }), 0, host)
  const response = await fetch(`http://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=polling`)
  results[name] = {
    address: server.address,
    allInterfaces: server.allInterfaces,
    url: server.url.replace(String(server.port), 'PORT'),
    summary: server.summary.replaceAll(String(server.port), 'PORT'),
    status: response.status,
  }
  await server.close()
}
console.log(JSON.stringify(results))
