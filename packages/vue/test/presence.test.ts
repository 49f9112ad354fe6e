import { createClient } from '@volley/core/client'
import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import { describe, expect, it, vi } from 'vitest'
import { createVolleyVue } from '../src/index'
import { lounge } from './presenceContract'
import { onCleanup, startServer, waitFor } from './helpers'

const { plugin, usePresence } = createVolleyVue(lounge)

function clientAs(url: string, user: string) {
  const client = createClient(lounge, url, {
    autoConnect: false,
    transports: ['websocket'],
    logger: false,
    auth: { user },
  })
  onCleanup(() => client.disconnect())
  return client
}

/** Mounts a component that runs `setup` (as a component's setup does) in an app with the plugin. */
function inApp<T>(client: ReturnType<typeof clientAs>, setup: () => T): { result: T; unmount: () => void } {
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

describe('usePresence', () => {
  it('members, others and me as refs; a reactive meta is sent when its value changes; unmount leaves', async () => {
    const { io, url } = await startServer(lounge)
    const rooms = io.presence('room', { key: (socket) => socket.auth.user })
    const tracks: string[] = []
    io.raw.on('connection', (socket) => socket.onAny((event: string) => void tracks.push(event)))
    const status = ref<'online' | 'away'>('online')
    const room = ref('lobby')
    const ada = inApp(clientAs(url, 'ada'), () =>
      usePresence(
        'room',
        () => ({ room: room.value }),
        () => ({ meta: { name: 'Ada', status: status.value } }),
      ),
    )
    const bob = inApp(clientAs(url, 'bob'), () =>
      usePresence('room', { room: 'lobby' }, { meta: { name: 'Bob', status: 'online' } }),
    )
    await waitFor(() => ada.result.others.value.length === 1 && bob.result.others.value.length === 1)
    expect(ada.result.status.value).toBe('live')
    expect(ada.result.me.value?.meta).toEqual({ name: 'Ada', status: 'online' })
    expect(bob.result.others.value.map((member) => member.key)).toEqual(['ada'])

    status.value = 'away'
    await waitFor(() => bob.result.others.value[0]?.meta.status === 'away')
    await bob.result.update({ name: 'Bob', status: 'away' })
    await waitFor(() => ada.result.others.value[0]?.meta.status === 'away')
    expect(tracks.filter((event) => event === '$volley:presence:track')).toHaveLength(2)
    expect(bob.result.members.value.map((member) => member.key)).toEqual(['ada', 'bob'])

    // New params: Ada moves to another room; Bob sees her leave.
    room.value = 'hall'
    await nextTick()
    await waitFor(() => bob.result.others.value.length === 0)
    expect((await rooms.list({ room: 'hall' })).map((member) => member.key)).toEqual(['ada'])
    ada.unmount()
    await vi.waitFor(async () => expect(await rooms.list({ room: 'hall' })).toEqual([]), { timeout: 5_000 })
  })
})
