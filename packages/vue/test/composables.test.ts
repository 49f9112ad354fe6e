import { createClient } from '@volley/core/client'
import { mount } from '@vue/test-utils'
import { createApp, defineComponent, effectScope, h, nextTick, ref, watchEffect } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createVolleyVue } from '../src/index'
import { chat, handle } from './contract'
import { onCleanup, sleep, startServer, waitFor } from './helpers'

const volley = createVolleyVue(chat)
const { plugin, useSocket, useSocketEvent, useRequest, useConnectionStatus } = volley

afterEach(() => vi.restoreAllMocks())

/** A client shared across mounts, disconnected after the test. */
function sharedClient(url: string) {
  const client = createClient(chat, url, {
    autoConnect: false,
    transports: ['websocket'],
    logger: false,
    releaseDelay: 50,
  })
  onCleanup(() => client.disconnect())
  return client
}

function mountWith<T>(client: ReturnType<typeof sharedClient>, setup: () => T) {
  let result!: T
  const Comp = defineComponent({
    setup() {
      result = setup()
      return () => h('div')
    },
  })
  const wrapper = mount(Comp, { global: { plugins: [plugin(client)] } })
  return { wrapper, result: () => result }
}

describe('useSocket', () => {
  it('throws a [volley] error that says how to install the plugin', () => {
    expect(() => mount(defineComponent({ setup: () => (useSocket(), () => null) }))).toThrow(
      /^\[volley\].*app\.use/,
    )
    expect(() => useSocket()).toThrow(/^\[volley\]/)
  })

  it('returns the client and connects when the app mounts', async () => {
    const { io, url } = await startServer(chat)
    const client = sharedClient(url)
    const { wrapper, result } = mountWith(client, () => useSocket())
    expect(result()).toBe(client)
    await waitFor(() => io.raw.engine.clientsCount === 1, 'connection')
    wrapper.unmount()
    await waitFor(() => io.raw.engine.clientsCount === 0, 'release')
  })

  it('the plugin creates a client from options', async () => {
    const { io, url } = await startServer(chat)
    const app = createApp(
      defineComponent({
        setup() {
          const connection = useConnectionStatus()
          return () => h('p', connection.value.status)
        },
      }),
    )
    app.use(plugin({ url, transports: ['websocket'], logger: false, releaseDelay: 10 }))
    app.mount(document.createElement('div'))
    await waitFor(() => io.raw.engine.clientsCount === 1, 'connection')
    app.unmount()
    await waitFor(() => io.raw.engine.clientsCount === 0, 'disconnect')
  })
})

describe('useSocketEvent', () => {
  it('keeps the last payload in a readonly ref and calls the handler', async () => {
    const { io, url } = await startServer(chat)
    const client = sharedClient(url)
    const seen: number[] = []
    const { wrapper, result } = mountWith(client, () => useSocketEvent('tick', (n) => seen.push(n)))
    expect(result().value).toBeUndefined()
    await waitFor(() => client.getSnapshot().status === 'connected')
    io.emit('tick', 1)
    io.emit('tick', 2)
    await waitFor(() => seen.length === 2)
    expect(seen).toEqual([1, 2])
    expect(result().value).toBe(2)
    wrapper.unmount()
  })

  it('calls the latest handler when given a ref', async () => {
    const { io, url } = await startServer(chat)
    const client = sharedClient(url)
    const calls: string[] = []
    const handler = ref((n: number) => void calls.push(`a${n}`))
    const { wrapper } = mountWith(client, () => useSocketEvent('tick', handler))
    await waitFor(() => client.getSnapshot().status === 'connected')
    io.emit('tick', 1)
    await waitFor(() => calls.length === 1)
    handler.value = (n) => void calls.push(`b${n}`)
    io.emit('tick', 2)
    await waitFor(() => calls.length === 2)
    expect(calls).toEqual(['a1', 'b2'])
    wrapper.unmount()
  })

  it('removes its listener on unmount; after N mount/unmount cycles one call per event', async () => {
    const { io, url } = await startServer(chat)
    let connections = 0
    io.raw.on('connection', () => void (connections += 1))
    const client = sharedClient(url)
    const calls: number[] = []
    for (let i = 0; i < 5; i++) {
      const { wrapper } = mountWith(client, () => useSocketEvent('tick', (n) => calls.push(n)))
      expect(client.raw.listeners('tick').length).toBe(1)
      wrapper.unmount()
      expect(client.raw.listeners('tick').length).toBe(0)
    }
    const { wrapper } = mountWith(client, () => useSocketEvent('tick', (n) => calls.push(n)))
    await waitFor(() => client.getSnapshot().status === 'connected')
    io.emit('tick', 7)
    await waitFor(() => calls.length > 0)
    await sleep(50)
    expect(calls).toEqual([7])
    expect(connections).toBe(1) // remounts within releaseDelay keep the one connection
    wrapper.unmount()
    expect(client.raw.listeners('tick').length).toBe(0)
    await waitFor(() => io.raw.engine.clientsCount === 0, 'one connection released')
  })
})

describe('effect scopes outside components', () => {
  it('cleans up when the scope stops', async () => {
    const { io, url } = await startServer(chat)
    const client = sharedClient(url)
    onCleanup(client.retain())
    const app = createApp({ render: () => null }).use(plugin(client))
    const seen: number[] = []
    const scope = effectScope()
    const last = scope.run(() => app.runWithContext(() => useSocketEvent('tick', (n) => seen.push(n))))!
    const status = scope.run(() => app.runWithContext(() => useConnectionStatus()))!
    await waitFor(() => status.value.status === 'connected')
    io.emit('tick', 3)
    await waitFor(() => last.value === 3)
    expect(client.raw.listeners('tick').length).toBe(1)
    scope.stop()
    expect(client.raw.listeners('tick').length).toBe(0)
    expect(seen).toEqual([3])
  })
})

describe('useRequest', () => {
  it('goes idle -> pending -> success with typed data', async () => {
    const { io, url } = await startServer(chat)
    handle(io)
    const client = sharedClient(url)
    const { wrapper, result } = mountWith(client, () => useRequest('message:send'))
    const request = result()
    expect(request.status.value).toBe('idle')
    request.send({ text: 'hi' })
    await nextTick()
    expect(request.isPending.value).toBe(true)
    await waitFor(() => request.status.value === 'success')
    expect(request.data.value).toEqual({ id: 'm-hi', text: 'hi' })
    await expect(request.sendAsync({ text: 'yo' })).resolves.toEqual({ id: 'm-yo', text: 'yo' })
    const { wrapper: other, result: now } = mountWith(client, () => useRequest('time:now'))
    await expect(now().sendAsync()).resolves.toBeTypeOf('number')
    other.unmount()
    request.reset()
    expect(request.status.value).toBe('idle')
    wrapper.unmount()
  })

  it('reports a handler error as a VolleyError and never rejects from send', async () => {
    const { io, url } = await startServer(chat)
    handle(io)
    const client = sharedClient(url)
    const { wrapper, result } = mountWith(client, () => useRequest('secret:read', { timeout: 2_000 }))
    result().send({ key: 'k' })
    await waitFor(() => result().status.value === 'error')
    expect(result().error.value?.code).toBe('UNAUTHORIZED')
    expect(result().error.value?.message).toContain('No secrets')
    wrapper.unmount()
  })

  it('refuses an invalid payload locally with VALIDATION_FAILED', async () => {
    const { io, url } = await startServer(chat)
    handle(io)
    const client = sharedClient(url)
    const { wrapper, result } = mountWith(client, () => useRequest('message:send'))
    await expect(result().sendAsync({ text: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    expect(result().status.value).toBe('error')
    expect(result().error.value?.issues?.length).toBeGreaterThan(0)
    wrapper.unmount()
  })
})

describe('useConnectionStatus', () => {
  it('follows connecting -> connected -> reconnecting -> connected -> disconnected', async () => {
    const { io, url } = await startServer(chat)
    const client = createClient(chat, url, {
      autoConnect: false,
      transports: ['websocket'],
      logger: false,
      releaseDelay: 10,
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    })
    onCleanup(() => client.disconnect())
    const statuses: string[] = []
    const { wrapper, result } = mountWith(client, () => useConnectionStatus())
    const status = result()
    const scope = effectScope()
    scope.run(() => {
      watchEffect(() => void statuses.push(status.value.status), { flush: 'sync' })
    })
    await waitFor(() => status.value.status === 'connected', 'connected')
    expect(status.value.id).toBe(client.raw.id)
    for (const socket of io.raw.sockets.sockets.values()) socket.conn.close()
    await waitFor(() => status.value.status === 'reconnecting', 'reconnecting')
    await waitFor(() => status.value.status === 'connected', 'reconnected')
    client.disconnect()
    await waitFor(() => status.value.status === 'disconnected', 'disconnected')
    scope.stop()
    wrapper.unmount()
    expect(statuses[0]).toBe('connecting')
    expect(statuses).toContain('reconnecting')
    expect(statuses.at(-1)).toBe('disconnected')
  })

  it('warns when called outside setup or an effect scope', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const client = createClient(chat, 'http://127.0.0.1:1', { autoConnect: false })
    const app = createApp({ render: () => null }).use(plugin(client))
    app.runWithContext(() => useConnectionStatus())
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^\[volley\] useConnectionStatus\(\) was called outside/),
    )
    warn.mockClear()
    const scope = effectScope()
    scope.run(() => app.runWithContext(() => useConnectionStatus()))
    scope.stop()
    expect(warn).not.toHaveBeenCalled()
  })
})
