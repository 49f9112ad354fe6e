import { act, render, screen, waitFor } from '@testing-library/react'
import { StrictMode, useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { VolleyServer } from '@volley/core/server'
import { createVolleyReact } from '../src/index'
import { chat } from './contract'
import { makeClient, sleep, startServer, until } from './helpers'

const { VolleyProvider, useSubscription, useOutbox, useOnConnect, useRequest } = createVolleyReact(chat)
const RELEASE_DELAY = 100 // core's default `releaseDelay`

/** Sockets subscribed to any stream on the server. */
function serverSubscriptions(io: VolleyServer<typeof chat>): number {
  let count = 0
  for (const [room, members] of io.raw.of('/').adapter.rooms)
    if (room.startsWith('$volley:')) count += members.size
  return count
}

function Room({ room, onItems }: { room: string; onItems: (ns: number[]) => void }) {
  const { status } = useSubscription(
    'room:messages',
    { room },
    { onItems: (items) => onItems(items.map((i) => i.n)) },
  )
  return <p>{`${room}: ${status}`}</p>
}

async function publish(io: VolleyServer<typeof chat>, room: string, ...ns: number[]): Promise<void> {
  for (const n of ns) await io.publish('room:messages', { room }, { n })
}

describe('useSubscription', () => {
  it('StrictMode subscribes once on the server and delivers each item once', async () => {
    const { io, url } = await startServer(chat)
    const authorize = vi.fn(() => true)
    io.subscription('room:messages', { authorize })
    const client = makeClient(chat, url)
    const received: number[] = []
    render(
      <StrictMode>
        <VolleyProvider client={client}>
          <Room room="lobby" onItems={(ns) => received.push(...ns)} />
        </VolleyProvider>
      </StrictMode>,
    )
    await screen.findByText('lobby: live')
    await sleep(RELEASE_DELAY + 100)
    expect(authorize).toHaveBeenCalledTimes(1)
    expect(serverSubscriptions(io)).toBe(1)
    await publish(io, 'lobby', 1, 2, 3)
    await waitFor(() => expect(received).toEqual([1, 2, 3]))
  })

  it('5 mount/unmount cycles leave 0 subscriptions on the server', async () => {
    const { io, url } = await startServer(chat)
    io.subscription('room:messages')
    const client = makeClient(chat, url)
    client.connect()
    for (let cycle = 0; cycle < 5; cycle += 1) {
      const view = render(
        <StrictMode>
          <VolleyProvider client={client}>
            <Room room="lobby" onItems={() => {}} />
          </VolleyProvider>
        </StrictMode>,
      )
      await screen.findByText('lobby: live')
      expect(serverSubscriptions(io)).toBe(1)
      view.unmount()
      if (cycle % 2 === 0) await sleep(RELEASE_DELAY + 100)
    }
    await waitFor(() => expect(serverSubscriptions(io)).toBe(0))
  })

  it('moves to new params only when their value changes, and keeps calling the latest handler', async () => {
    const { io, url } = await startServer(chat)
    const authorize = vi.fn(() => true)
    io.subscription('room:messages', { authorize })
    const client = makeClient(chat, url)
    const seen: string[] = []
    let setRoom: (room: string) => void = () => {}
    function Switcher() {
      const [room, set] = useState('a')
      setRoom = set
      // A new params object and a new handler on every render.
      const { status } = useSubscription(
        'room:messages',
        { room },
        { onItems: (items) => seen.push(...items.map((i) => `${room}${i.n}`)) },
      )
      return <p>{`${room}: ${status}`}</p>
    }
    render(
      <VolleyProvider client={client}>
        <Switcher />
      </VolleyProvider>,
    )
    await screen.findByText('a: live')
    await publish(io, 'a', 1)
    await waitFor(() => expect(seen).toEqual(['a1']))
    act(() => setRoom('b'))
    await screen.findByText('b: live')
    await publish(io, 'a', 2)
    await publish(io, 'b', 3)
    await waitFor(() => expect(seen).toEqual(['a1', 'b3']))
    expect(authorize).toHaveBeenCalledTimes(2)
    await waitFor(() => expect(serverSubscriptions(io)).toBe(1))
  })
})

describe('useSubscription enabled', () => {
  it('holds the subscription off while enabled is false', async () => {
    const { io, url } = await startServer(chat)
    const authorize = vi.fn(() => true)
    io.subscription('room:messages', { authorize })
    const client = makeClient(chat, url)
    let setRoom: (room: string | null) => void = () => {}
    function Picker() {
      const [room, set] = useState<string | null>(null)
      setRoom = set
      const { status } = useSubscription('room:messages', { room: room ?? '' }, { enabled: room !== null })
      return <p>{`${room ?? 'none'}: ${status}`}</p>
    }
    render(
      <VolleyProvider client={client}>
        <Picker />
      </VolleyProvider>,
    )
    await until(client, (s) => s.status === 'connected')
    await sleep(50)
    expect(screen.getByText('none: pending')).toBeTruthy()
    expect(authorize).not.toHaveBeenCalled()
    act(() => setRoom('a'))
    await screen.findByText('a: live')
    act(() => setRoom(null))
    await screen.findByText('none: pending')
    await waitFor(() => expect(serverSubscriptions(io)).toBe(0))
  })
})

describe('useOutbox and useOnConnect', () => {
  it('show what is queued while offline and run work on every connection', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => socket.on('message:send', ({ text }) => ({ id: text, at: 1 })))
    const client = makeClient(chat, url, { reconnectionDelay: 50, reconnectionDelayMax: 50 })
    const connects: boolean[] = []
    function Outbox() {
      const { size, items } = useOutbox()
      const { sendAsync } = useRequest('message:send', { queue: true })
      useOnConnect(({ reconnected }) => void connects.push(reconnected))
      return (
        <>
          <p>{`waiting: ${size} [${items.map((item) => (item.event === 'message:send' ? item.payload.text : '')).join(',')}]`}</p>
          <button onClick={() => void sendAsync({ room: 'r', text: 'hi' })}>send</button>
        </>
      )
    }
    render(
      <VolleyProvider client={client}>
        <Outbox />
      </VolleyProvider>,
    )
    await until(client, (s) => s.status === 'connected')
    client.raw.io.reconnection(false)
    client.raw.io.engine.close()
    await until(client, (s) => s.status !== 'connected')
    act(() => screen.getByText('send').click())
    await screen.findByText('waiting: 1 [hi]')
    client.raw.io.reconnection(true)
    client.connect()
    await screen.findByText('waiting: 0 []')
    expect(connects).toEqual([false, true])
  })
})
