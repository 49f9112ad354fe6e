// serve holds an upgrade that is not Volley's until Next listens, instead of letting engine.io end it.
import { createServer } from '@volley/core/server'
import { expect, it } from 'vitest'
import { serve } from '../src/server/index'
import { contract } from './contract'
import { firstMessage, fixtureApp, onCleanup, openWebSocket, sleep } from './helpers'

it('an HMR upgrade that arrives before Next listens waits for it (here without the warm-up request)', async () => {
  const io = createServer(contract, { logger: false })
  const app = await fixtureApp('held')
  const served = await serve({
    app,
    io,
    port: 0,
    hostname: '127.0.0.1',
    signals: false,
    warmUp: false,
    logger: false,
  })
  onCleanup(() => served.close())
  const hmr = openWebSocket(`${served.url.replace(/^http/, 'ws')}/_next/hmr`)
  await sleep(1_500) // engine.io alone would have ended it by now
  await fetch(`${served.url}/_next/static/first-request`) // Next adds its upgrade listener on its first request
  const ws = await hmr
  expect(await firstMessage(ws)).toMatch(/"type"/)
})
