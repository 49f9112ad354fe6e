// client.ts
import { VolleyError } from '@volley/core'
import { createClient } from '@volley/core/client'
import { chat } from './contract'

export async function runClient(url: string, log: (line: string) => void = console.log) {
  const client = createClient(chat, url)
  const received = new Promise<void>((resolve) => {
    client.on('message:new', (m) => {
      log(`message:new ${m.room} "${m.text}" (${m.id})`)
      resolve()
    })
  })
  const started = performance.now()
  const { id, at } = await client.request('message:send', { room: 'lobby', text: 'hi' }) // rejects with VolleyError
  log(
    `ack: id=${id} at=${new Date(at).toISOString()} round trip ${(performance.now() - started).toFixed(1)} ms`,
  )
  await received
  try {
    await client.request('message:send', { room: 'lobby', text: '' })
  } catch (error) {
    if (error instanceof VolleyError) log(`refused: ${error.code}: ${error.message}`)
  }
  client.emit('typing', { room: 'lobby' })
  client.disconnect()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runClient(process.env.URL ?? 'http://localhost:3000')
}
