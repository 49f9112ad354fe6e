import { act, render, renderHook, screen, waitFor } from '@testing-library/react'
import { VolleyError } from '@volley/core'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { createVolleyReact } from '../src/index'
import { chat } from './contract'
import { makeClient, startServer, until } from './helpers'

const { VolleyProvider, useSocket, useSocketEvent, useRequest, useConnectionStatus } = createVolleyReact(chat)

describe('useSocket', () => {
  it('returns the provided client', async () => {
    const { url } = await startServer(chat)
    const client = makeClient(chat, url)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <VolleyProvider client={client}>{children}</VolleyProvider>
    )
    const { result } = renderHook(() => useSocket(), { wrapper })
    expect(result.current).toBe(client)
  })

  it('throws an error that says how to fix the tree outside the provider', () => {
    expect(() => renderHook(() => useSocket())).toThrow(
      /^\[volley\] useSocket\(\).*Wrap your tree in the <VolleyProvider> returned by the same createVolleyReact\(contract\) call/,
    )
    expect(() => renderHook(() => useSocketEvent('a'))).toThrow(/^\[volley\] useSocketEvent\(\)/)
    expect(() => renderHook(() => useRequest('ping'))).toThrow(/^\[volley\] useRequest\(\)/)
    expect(() => renderHook(() => useConnectionStatus())).toThrow(/^\[volley\] useConnectionStatus\(\)/)
  })

  it('reads only the provider of its own createVolleyReact call', async () => {
    const { url } = await startServer(chat)
    const other = createVolleyReact(chat)
    const client = makeClient(chat, url)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <other.VolleyProvider client={client}>{children}</other.VolleyProvider>
    )
    expect(() => renderHook(() => useSocket(), { wrapper })).toThrow(/^\[volley\] useSocket\(\)/)
    expect(renderHook(() => other.useSocket(), { wrapper }).result.current).toBe(client)
  })

  it('creates its client once, lazily, without connecting before the effect', async () => {
    const { url, connections } = await startServer(chat)
    const clients = new Set<unknown>()
    const wrapper = ({ children }: { children: ReactNode }) => (
      <VolleyProvider url={url} options={{ transports: ['websocket'], logger: false }}>
        {children}
      </VolleyProvider>
    )
    const { result, rerender } = renderHook(
      () => {
        const socket = useSocket()
        clients.add(socket)
        return { socket, snapshot: useConnectionStatus() }
      },
      { wrapper },
    )
    rerender()
    await waitFor(() => expect(result.current.snapshot.status).toBe('connected'))
    expect(clients.size).toBe(1)
    expect(connections()).toBe(1)
  })

  it('switches to a new client prop: retains the new one, releases the old one', async () => {
    const { url } = await startServer(chat)
    const [first, second] = [makeClient(chat, url), makeClient(chat, url)]
    const { rerender } = render(<VolleyProvider client={first} />)
    await until(first, (s) => s.status === 'connected')
    rerender(<VolleyProvider client={second} />)
    await until(second, (s) => s.status === 'connected')
    await until(first, (s) => s.status === 'disconnected')
  })

  it('creates a new client when the url changes, and releases the old one', async () => {
    const [one, two] = [await startServer(chat), await startServer(chat)]
    const counts = { one: 0, two: 0 }
    one.io.on('connection', (socket) => {
      counts.one += 1
      socket.on('disconnect', () => (counts.one -= 1))
    })
    two.io.on('connection', () => (counts.two += 1))
    const Status = () => <p>{useConnectionStatus().status}</p>
    const options = { transports: ['websocket'], logger: false as const }
    const { rerender } = render(
      <VolleyProvider url={one.url} options={options}>
        <Status />
      </VolleyProvider>,
    )
    await waitFor(() => expect(counts.one).toBe(1))
    rerender(
      <VolleyProvider url={two.url} options={options}>
        <Status />
      </VolleyProvider>,
    )
    await waitFor(() => expect(counts.two).toBe(1))
    await waitFor(() => expect(counts.one).toBe(0))
    await waitFor(() => expect(screen.getByText('connected')).toBeTruthy())
  })
})

describe('useConnectionStatus', () => {
  it('follows the connection', async () => {
    const { url } = await startServer(chat)
    const client = makeClient(chat, url)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <VolleyProvider client={client}>{children}</VolleyProvider>
    )
    const { result } = renderHook(() => useConnectionStatus(), { wrapper })
    await waitFor(() => expect(result.current.status).toBe('connected'))
    expect(result.current.id).toBe(client.raw.id)
  })
})

describe('useRequest', () => {
  it('goes from pending to data on success', async () => {
    const { io, url } = await startServer(chat)
    let answer: (() => void) | undefined
    io.on('connection', (socket) => {
      socket.on(
        'message:send',
        ({ text }) => new Promise((resolve) => (answer = () => resolve({ id: text, at: 1 }))),
      )
    })
    const client = makeClient(chat, url)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <VolleyProvider client={client}>{children}</VolleyProvider>
    )
    const { result } = renderHook(() => useRequest('message:send'), { wrapper })
    await until(client, (s) => s.status === 'connected')
    expect(result.current).toMatchObject({
      status: 'idle',
      isPending: false,
      data: undefined,
      error: undefined,
    })
    const { send, sendAsync, reset } = result.current
    act(() => result.current.send({ room: 'r', text: 'hello' }))
    expect(result.current).toMatchObject({ status: 'pending', isPending: true })
    await waitFor(() => expect(answer).toBeDefined())
    act(() => answer!())
    await waitFor(() => expect(result.current.status).toBe('success'))
    expect(result.current).toMatchObject({ data: { id: 'hello', at: 1 }, isPending: false, error: undefined })
    act(() => result.current.reset())
    expect(result.current).toMatchObject({ status: 'idle', data: undefined })
    expect([result.current.send, result.current.sendAsync, result.current.reset]).toEqual([
      send,
      sendAsync,
      reset,
    ])
  })

  it('reports a VolleyError thrown by the server handler', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => {
      socket.on('message:send', () => {
        throw new VolleyError('UNAUTHORIZED', 'Join the room first')
      })
    })
    const client = makeClient(chat, url)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <VolleyProvider client={client}>{children}</VolleyProvider>
    )
    const { result } = renderHook(() => useRequest('message:send'), { wrapper })
    await until(client, (s) => s.status === 'connected')
    act(() => result.current.send({ room: 'r', text: 'hi' }))
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error).toBeInstanceOf(VolleyError)
    expect(result.current.error?.code).toBe('UNAUTHORIZED')
    expect(result.current.error?.message).toBe('Join the room first')
    await expect(result.current.sendAsync({ room: 'r', text: 'again' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    })
  })

  it('fails validation locally without touching the server', async () => {
    const { io, url } = await startServer(chat)
    let calls = 0
    io.on('connection', (socket) => {
      socket.raw.onAny(() => void (calls += 1))
      socket.on('message:send', () => ({ id: 'x', at: 1 }))
    })
    const client = makeClient(chat, url)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <VolleyProvider client={client}>{children}</VolleyProvider>
    )
    const { result } = renderHook(() => useRequest('message:send'), { wrapper })
    await until(client, (s) => s.status === 'connected')
    act(() => result.current.send({ room: 'r', text: '' }))
    await waitFor(() => expect(result.current.status).toBe('error'))
    expect(result.current.error?.code).toBe('VALIDATION_FAILED')
    expect(result.current.error?.issues?.length).toBeGreaterThan(0)
    await act(() => result.current.sendAsync({ room: 'r', text: 'ok' }))
    expect(result.current.data).toEqual({ id: 'x', at: 1 })
    expect(calls).toBe(1)
  })

  it('accepts an omitted payload and forwards new options', async () => {
    const { io, url } = await startServer(chat)
    io.on('connection', (socket) => {
      socket.on('ping', () => 'pong' as const)
    })
    const client = makeClient(chat, url)
    const wrapper = ({ children }: { children: ReactNode }) => (
      <VolleyProvider client={client}>{children}</VolleyProvider>
    )
    const { result, rerender } = renderHook(({ timeout }) => useRequest('ping', { timeout }), {
      wrapper,
      initialProps: { timeout: 5_000 },
    })
    await until(client, (s) => s.status === 'connected')
    rerender({ timeout: 4_000 })
    await act(() => result.current.sendAsync())
    expect(result.current.data).toBe('pong')
  })
})

describe('useSocketEvent', () => {
  it('returns the last payload and calls the latest handler', async () => {
    const { io, url } = await startServer(chat)
    const client = makeClient(chat, url)
    const seen: string[] = []
    function Last({ label }: { label: string }) {
      const last = useSocketEvent('a', (payload) => seen.push(`${label}:${payload.n}`))
      return <p>last: {last?.n ?? 'none'}</p>
    }
    const { rerender } = render(
      <VolleyProvider client={client}>
        <Last label="first" />
      </VolleyProvider>,
    )
    expect(screen.getByText('last: none')).toBeTruthy()
    await until(client, (s) => s.status === 'connected')
    io.emit('a', { n: 1 })
    await screen.findByText('last: 1')
    const listeners = client.raw.listeners('a').length
    rerender(
      <VolleyProvider client={client}>
        <Last label="second" />
      </VolleyProvider>,
    )
    expect(client.raw.listeners('a').length).toBe(listeners)
    io.emit('a', { n: 2 })
    await screen.findByText('last: 2')
    expect(seen).toEqual(['first:1', 'second:2'])
  })
  it('follows a change of event, and stops listening on unmount', async () => {
    const { io, url } = await startServer(chat)
    const client = makeClient(chat, url)
    const seen: string[] = []
    function Last({ event }: { event: 'a' | 'b' }) {
      const last = useSocketEvent(event, (payload) => seen.push(`${event}:${payload.n}`))
      return <p>last: {last?.n ?? 'none'}</p>
    }
    const view = render(
      <VolleyProvider client={client}>
        <Last event="a" />
      </VolleyProvider>,
    )
    await until(client, (s) => s.status === 'connected')
    io.emit('a', { n: 1 })
    await screen.findByText('last: 1')
    view.rerender(
      <VolleyProvider client={client}>
        <Last event="b" />
      </VolleyProvider>,
    )
    expect(screen.getByText('last: none')).toBeTruthy()
    expect(client.raw.listeners('a')).toHaveLength(0)
    io.emit('a', { n: 2 })
    io.emit('b', { n: 3 })
    await screen.findByText('last: 3')
    view.unmount()
    expect(client.raw.listeners('b')).toHaveLength(0)
    expect(seen).toEqual(['a:1', 'b:3'])
  })
})
