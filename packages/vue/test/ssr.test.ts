// @vitest-environment node
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { describe, expect, it } from 'vitest'
import { createVolleyVue } from '../src/index'
import { chat } from './contract'
import { sleep, startServer } from './helpers'

const { plugin, useSocketEvent, useRequest, useConnectionStatus } = createVolleyVue(chat)

describe('server rendering', () => {
  it('renders with the composables and opens no connection', async () => {
    const { io, url } = await startServer(chat)
    let connections = 0
    io.raw.on('connection', () => void (connections += 1))
    const Page = defineComponent({
      setup() {
        const connection = useConnectionStatus()
        const tick = useSocketEvent('tick')
        const { status } = useRequest('message:send')
        return () => h('p', `${connection.value.status} ${String(tick.value)} ${status.value}`)
      },
    })
    const app = createSSRApp(Page).use(plugin({ url, transports: ['websocket'], logger: false }))
    const html = await renderToString(app)
    expect(html).toBe('<p>disconnected undefined idle</p>')
    await sleep(200)
    expect(connections).toBe(0)
    expect(io.raw.engine.clientsCount).toBe(0)
  })
})
