// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createVolleyReact } from '../src/index'
import { chat } from './contract'
import { makeClient, sleep, startServer } from './helpers'

const { VolleyProvider, useSocket, useSocketEvent, useRequest, useConnectionStatus } = createVolleyReact(chat)

function Page() {
  const { status, id } = useConnectionStatus()
  const last = useSocketEvent('message:new', () => {})
  const { status: requestStatus, isPending } = useRequest('message:send')
  const socket = useSocket()
  return (
    <main>
      <p>status: {status}</p>
      <p>id: {id ?? 'none'}</p>
      <p>last: {last?.text ?? 'none'}</p>
      <p>
        request: {requestStatus} {String(isPending)}
      </p>
      <p>active: {String(socket.raw.active)}</p>
    </main>
  )
}

describe('server rendering', () => {
  it('renders the hooks with the initial snapshot and opens no connection (url)', async () => {
    const { url, connections } = await startServer(chat)
    const html = renderToString(
      <VolleyProvider url={url} options={{ transports: ['websocket'] }}>
        <Page />
      </VolleyProvider>,
    )
    expect(html).toContain('status: <!-- -->disconnected')
    expect(html).toContain('id: <!-- -->none')
    expect(html).toContain('last: <!-- -->none')
    expect(html).toContain('request: <!-- -->idle<!-- --> <!-- -->false')
    expect(html).toContain('active: <!-- -->false')
    await sleep(300)
    expect(connections()).toBe(0)
  })

  it('renders with a given client without connecting it', async () => {
    const { url, connections } = await startServer(chat)
    const client = makeClient(chat, url)
    const html = renderToString(
      <VolleyProvider client={client}>
        <Page />
      </VolleyProvider>,
    )
    expect(html).toContain('status: <!-- -->disconnected')
    expect(client.raw.active).toBe(false)
    await sleep(300)
    expect(connections()).toBe(0)
  })
})
