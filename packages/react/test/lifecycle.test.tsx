import { act, render, screen, waitFor } from '@testing-library/react'
import { Profiler, StrictMode, useRef } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { createVolleyReact } from '../src/index'
import { chat } from './contract'
import { makeClient, onCleanup, sleep, startServer, until } from './helpers'

const { VolleyProvider, useSocket, useSocketEvent, useConnectionStatus } = createVolleyReact(chat)
const RELEASE_DELAY = 100 // core's default `releaseDelay`

function Status() {
  const { status } = useConnectionStatus()
  return <p>status: {status}</p>
}

function Counter({ onA }: { onA: (n: number) => void }) {
  const last = useSocketEvent('a', (payload) => onA(payload.n))
  return <p>a: {last?.n ?? 'none'}</p>
}

describe('StrictMode', () => {
  it('opens exactly one connection, and a handler runs once per event', async () => {
    const { io, url, connections } = await startServer(chat)
    const calls: number[] = []
    const clients = new Set<unknown>()
    function Probe() {
      clients.add(useSocket())
      return null
    }
    render(
      <StrictMode>
        <VolleyProvider url={url} options={{ transports: ['websocket'], logger: false }}>
          <Probe />
          <Status />
          <Counter onA={(n) => calls.push(n)} />
        </VolleyProvider>
      </StrictMode>,
    )
    await screen.findByText('status: connected')
    await sleep(RELEASE_DELAY + 200)
    expect(connections()).toBe(1)
    expect(clients.size).toBe(1) // the double render created one client
    expect(screen.getByText('status: connected')).toBeTruthy()
    for (const n of [1, 2, 3]) io.emit('a', { n })
    await screen.findByText('a: 3')
    expect(calls).toEqual([1, 2, 3])
  })
})

describe('remounts and reconnects', () => {
  it('keep one connection across a quick remount, and one handler call per event after a reconnect', async () => {
    const { io, url, connections } = await startServer(chat)
    const client = makeClient(chat, url, { reconnectionDelay: 20, reconnectionDelayMax: 50 })
    const calls: number[] = []
    const tree = (
      <StrictMode>
        <VolleyProvider client={client}>
          <Status />
          <Counter onA={(n) => calls.push(n)} />
        </VolleyProvider>
      </StrictMode>
    )
    const retain = vi.spyOn(client, 'retain')
    const first = render(tree)
    expect(retain).toHaveBeenCalledTimes(2) // StrictMode ran the provider's effect twice
    await screen.findByText('status: connected')
    first.unmount()
    render(tree) // remounted before releaseDelay: the connection is kept
    expect(retain).toHaveBeenCalledTimes(4)
    await sleep(RELEASE_DELAY + 200)
    expect(connections()).toBe(1)
    expect(client.getSnapshot().status).toBe('connected')

    act(() => client.raw.io.engine.close()) // the transport drops: socket.io reconnects
    await screen.findByText('status: reconnecting')
    await screen.findByText('status: connected')
    expect(connections()).toBe(2)

    for (const n of [1, 2, 3]) io.emit('a', { n })
    await screen.findByText('a: 3')
    expect(calls).toEqual([1, 2, 3])
    expect(client.raw.listeners('a')).toHaveLength(1)
  })

  it('reconnects after the server disconnects the socket, when the app connects again', async () => {
    const { io, url, connections } = await startServer(chat)
    const client = makeClient(chat, url)
    const calls: number[] = []
    render(
      <VolleyProvider client={client}>
        <Status />
        <Counter onA={(n) => calls.push(n)} />
      </VolleyProvider>,
    )
    await screen.findByText('status: connected')
    act(() => void io.disconnectSockets())
    await screen.findByText('status: disconnected')
    act(() => void client.connect())
    await screen.findByText('status: connected')
    expect(connections()).toBe(2)
    io.emit('a', { n: 7 })
    await screen.findByText('a: 7')
    expect(calls).toEqual([7])
  })

  it('disconnects releaseDelay after the provider unmounts', async () => {
    const { url } = await startServer(chat)
    const client = makeClient(chat, url)
    const view = render(
      <VolleyProvider client={client}>
        <Status />
      </VolleyProvider>,
    )
    await screen.findByText('status: connected')
    view.unmount()
    expect(client.getSnapshot().status).toBe('connected')
    await until(client, (s) => s.status === 'disconnected')
  })
})

describe('re-renders', () => {
  it('renders a useSocketEvent("a") component once per "a" event and never for "b"', async () => {
    const { io, url } = await startServer(chat)
    const client = makeClient(chat, url)
    let renders = 0
    let commits = 0
    function OnlyA() {
      const rendersRef = useRef(0)
      rendersRef.current += 1
      renders = rendersRef.current
      const last = useSocketEvent('a')
      return <p>a: {last?.n ?? 'none'}</p>
    }
    function OnlyB() {
      const last = useSocketEvent('b')
      return <p>b: {last?.n ?? 'none'}</p>
    }
    render(
      <VolleyProvider client={client}>
        <Profiler id="a" onRender={() => void (commits += 1)}>
          <OnlyA />
        </Profiler>
        <OnlyB />
      </VolleyProvider>,
    )
    await until(client, (s) => s.status === 'connected')
    const [rendersBefore, commitsBefore] = [renders, commits]
    // One event at a time, so that React cannot batch two of them into one render.
    const steps: ['a' | 'b', number][] = [
      ['b', 1],
      ['a', 1],
      ['b', 2],
      ['b', 3],
      ['a', 2],
      ['b', 4],
      ['a', 3],
      ['b', 5],
    ]
    for (const [event, n] of steps) {
      io.emit(event, { n })
      await screen.findByText(`${event}: ${n}`)
    }
    expect(renders - rendersBefore).toBe(3)
    expect(commits - commitsBefore).toBe(3)
  })
})

describe('hydration', () => {
  it('hydrates server HTML without a mismatch, then connects once', async () => {
    const { url, connections } = await startServer(chat)
    const html = renderToString(
      <VolleyProvider client={makeClient(chat, url)}>
        <Status />
      </VolleyProvider>,
    )
    expect(connections()).toBe(0)

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const errors: unknown[] = []
    const client = makeClient(chat, url)
    const root = await act(async () =>
      hydrateRoot(
        container,
        <VolleyProvider client={client}>
          <Status />
        </VolleyProvider>,
        { onRecoverableError: (error) => errors.push(error) },
      ),
    )
    onCleanup(() => {
      root.unmount()
      container.remove()
    })
    await waitFor(() => expect(container.textContent).toBe('status: connected'))
    expect(errors).toEqual([])
    await sleep(RELEASE_DELAY + 100)
    expect(connections()).toBe(1)
  })
})
