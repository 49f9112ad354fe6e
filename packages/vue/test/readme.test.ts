// Runs the README's quick start (test/quickstart/* are its files, verbatim but for the import path of
// @volley/vue) against a real server.
import { mount } from '@vue/test-utils'
import { expect, it } from 'vitest'
import { startServer, waitFor } from './helpers'
import Chat from './quickstart/Chat.vue'
import { chat } from './quickstart/contract'
import { plugin } from './quickstart/volley'

it('README quick start: connects, sends, receives, and shows validation errors', async () => {
  const { io, url } = await startServer(chat)
  io.on('connection', (socket) => {
    socket.on('message:send', ({ text }) => {
      const message = { id: String(Date.now()), text }
      io.emit('message:new', message)
      return { id: message.id }
    })
  })
  // main.ts: createApp(Chat).use(plugin({ url: 'http://localhost:3000' })).mount('#app')
  const wrapper = mount(Chat, {
    global: { plugins: [plugin({ url, transports: ['websocket'], logger: false })] },
  })
  await waitFor(() => wrapper.find('p').text() === 'connected')
  await wrapper.find('input').setValue('hello')
  await wrapper.find('form').trigger('submit')
  await waitFor(() => wrapper.findAll('li').length === 1)
  expect(wrapper.find('li').text()).toBe('hello')
  expect((wrapper.find('input').element as HTMLInputElement).value).toBe('')
  await wrapper.find('form').trigger('submit')
  await waitFor(() => wrapper.find('span').exists())
  expect(wrapper.find('span').text()).toMatch(/text/i)
  wrapper.unmount()
  await waitFor(() => io.raw.engine.clientsCount === 0)
})
