// The README's quick start, run against a real server (Chat.vue written as a render function).
import { defineContract } from '@volley/core'
import { mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { expect, it } from 'vitest'
import { z } from 'zod'
import { createVolleyVue } from '../src/index'
import { startServer, waitFor } from './helpers'

export const chat = defineContract({
  clientToServer: {
    'message:send': { payload: z.object({ text: z.string().min(1) }), ack: z.object({ id: z.string() }) },
  },
  serverToClient: {
    'message:new': { payload: z.object({ id: z.string(), text: z.string() }) },
  },
})

const { plugin, useSocketEvent, useRequest, useConnectionStatus } = createVolleyVue(chat)

const Chat = defineComponent({
  setup() {
    const connection = useConnectionStatus()
    const messages = ref<{ id: string; text: string }[]>([])
    useSocketEvent('message:new', (message) => messages.value.push(message))
    const { send, isPending, error } = useRequest('message:send')
    const text = ref('')
    return () => [
      h('p', { class: 'status' }, connection.value.status),
      h(
        'ul',
        messages.value.map((m) => h('li', { key: m.id }, m.text)),
      ),
      h(
        'form',
        { onSubmit: (e: Event) => (e.preventDefault(), send({ text: text.value }), (text.value = '')) },
        [
          h('input', {
            value: text.value,
            onInput: (e: Event) => (text.value = (e.target as HTMLInputElement).value),
          }),
          h('button', { disabled: isPending.value }, 'Send'),
          error.value ? h('span', { class: 'error' }, error.value.message) : null,
        ],
      ),
    ]
  },
})

it('README quick start: connects, sends, receives, and shows validation errors', async () => {
  const { io, url } = await startServer(chat)
  io.on('connection', (socket) => {
    socket.on('message:send', ({ text }) => {
      const message = { id: String(Date.now()), text }
      io.emit('message:new', message)
      return { id: message.id }
    })
  })
  const wrapper = mount(Chat, {
    global: { plugins: [plugin({ url, transports: ['websocket'], logger: false })] },
  })
  await waitFor(() => wrapper.find('.status').text() === 'connected')
  await wrapper.find('input').setValue('hello')
  await wrapper.find('form').trigger('submit')
  await waitFor(() => wrapper.findAll('li').length === 1)
  expect(wrapper.find('li').text()).toBe('hello')
  await wrapper.find('form').trigger('submit')
  await waitFor(() => wrapper.find('.error').exists())
  expect(wrapper.find('.error').text()).toMatch(/text/i)
  wrapper.unmount()
  await waitFor(() => io.raw.engine.clientsCount === 0)
})
