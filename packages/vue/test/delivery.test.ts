import { createClient } from '@volley/core/client'
import type { VolleyServer } from '@volley/core/server'
import { mount } from '@vue/test-utils'
import { createApp, defineComponent, effectScope, h, ref } from 'vue'
import { describe, expect, it, vi } from 'vitest'
import { createVolleyVue } from '../src/index'
import { chat, handle } from './contract'
import { onCleanup, sleep, startServer, waitFor } from './helpers'

const volley = createVolleyVue(chat)
const { plugin, useSubscription, useOutbox, useOnConnect, useRequest } = volley
const RELEASE_DELAY = 50

function sharedClient(url: string) {
  const client = createClient(chat, url, {
    autoConnect: false,
    transports: ['websocket'],
    logger: false,
    releaseDelay: RELEASE_DELAY,
    reconnectionDelay: 50,
    reconnectionDelayMax: 50,
  })
  onCleanup(() => client.disconnect())
  return client
}

/** Sockets subscribed to any stream on the server. */
function serverSubscriptions(io: VolleyServer<typeof chat>): number {
  let count = 0
  for (const [room, members] of io.raw.of('/').adapter.rooms)
    if (room.startsWith('$volley:')) count += members.size
  return count
}

/** Runs composables in an effect scope of an app that installed the plugin, as a component's setup does. */
function inApp<T>(
  client: ReturnType<typeof sharedClient>,
  setup: () => T,
): { result: T; unmount: () => void } {
  let result!: T
  const wrapper = mount(
    defineComponent({
      setup() {
        result = setup()
        return () => h('div')
      },
    }),
    { global: { plugins: [plugin(client)] } },
  )
  return { result, unmount: () => wrapper.unmount() }
}

describe('useSubscription', () => {
  it('subscribes for the lifetime of the scope; 5 scope cycles leave 0 subscriptions on the server', async () => {
    const { io, url } = await startServer(chat)
    const authorize = vi.fn(() => true)
    io.subscription('room:messages', { authorize })
    const client = sharedClient(url)
    const received: number[] = []
    const { result: state, unmount } = inApp(client, () =>
      useSubscription(
        'room:messages',
        { room: 'lobby' },
        { onItems: (items) => void received.push(...items.map((i) => i.n)) },
      ),
    )
    await waitFor(() => state.value.status === 'live', 'live')
    expect(serverSubscriptions(io)).toBe(1)
    for (const n of [1, 2]) await io.publish('room:messages', { room: 'lobby' }, { n })
    await waitFor(() => received.length === 2, 'items')
    expect(received).toEqual([1, 2])
    unmount()
    // Plain effect scopes (no component), in the injection context of an app that installed the plugin.
    const app = createApp({ render: () => null }).use(plugin(client))
    client.retain()
    for (let cycle = 0; cycle < 5; cycle += 1) {
      const scope = effectScope()
      const cycleState = app.runWithContext(() =>
        scope.run(() => useSubscription('room:messages', { room: 'lobby' })),
      )!
      await waitFor(() => cycleState.value.status === 'live', 'live in cycle')
      expect(serverSubscriptions(io)).toBe(1)
      scope.stop()
      if (cycle % 2 === 0) await sleep(RELEASE_DELAY + 50)
    }
    await waitFor(() => serverSubscriptions(io) === 0, 'no subscriptions left')
    expect(authorize.mock.calls.length).toBeGreaterThanOrEqual(3)
  })

  it('5 mount/unmount cycles of a component leave 0 subscriptions, and a params getter moves the subscription', async () => {
    const { io, url } = await startServer(chat)
    const authorize = vi.fn(() => true)
    io.subscription('room:messages', { authorize })
    const client = sharedClient(url)
    client.retain()
    for (let cycle = 0; cycle < 5; cycle += 1) {
      const { result: state, unmount } = inApp(client, () =>
        useSubscription('room:messages', { room: 'lobby' }),
      )
      await waitFor(() => state.value.status === 'live', 'live')
      expect(serverSubscriptions(io)).toBe(1)
      unmount()
    }
    await waitFor(() => serverSubscriptions(io) === 0, 'no subscriptions left')
    const room = ref('a')
    const seen: string[] = []
    const { result: state, unmount } = inApp(client, () =>
      useSubscription('room:messages', () => ({ room: room.value }), {
        onItems: (items) => void seen.push(...items.map((i) => `${room.value}${i.n}`)),
      }),
    )
    await waitFor(() => state.value.status === 'live', 'live')
    room.value = 'b'
    await sleep(20)
    await waitFor(() => state.value.status === 'live', 'live again')
    await io.publish('room:messages', { room: 'a' }, { n: 1 })
    await io.publish('room:messages', { room: 'b' }, { n: 2 })
    await waitFor(() => seen.length === 1, 'item')
    expect(seen).toEqual(['b2'])
    unmount()
    await waitFor(() => serverSubscriptions(io) === 0, 'released')
  })
})

describe('useOutbox and useOnConnect', () => {
  it('show what is queued while offline and run work on every connection', async () => {
    const { io, url } = await startServer(chat)
    handle(io)
    const client = sharedClient(url)
    const connects: boolean[] = []
    const { result } = inApp(client, () => {
      useOnConnect(({ reconnected }) => void connects.push(reconnected))
      return { outbox: useOutbox(), request: useRequest('message:send', { queue: true }) }
    })
    await waitFor(() => client.getSnapshot().status === 'connected', 'connected')
    client.raw.io.reconnection(false)
    client.raw.io.engine.close()
    await waitFor(() => client.getSnapshot().status !== 'connected', 'offline')
    const sent = result.request.sendAsync({ text: 'hi' })
    expect(result.outbox.value.size).toBe(1)
    expect(result.outbox.value.items[0]).toMatchObject({ event: 'message:send', payload: { text: 'hi' } })
    client.raw.io.reconnection(true)
    client.connect()
    await expect(sent).resolves.toEqual({ id: 'm-hi', text: 'hi' })
    expect(result.outbox.value.size).toBe(0)
    expect(connects).toEqual([false, true])
  })
})
