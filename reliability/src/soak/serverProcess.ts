// A soak server in its own process, so that its heap and CPU are measured apart from the clients.
// Started by `spawnServer`; configured by the SOAK_SERVER environment variable (JSON); answers commands
// sent over IPC. Run with --expose-gc.
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Server } from 'socket.io'
import * as volleyServer from '@volley/core/server'
import { soakContract, soakEvents } from './contract'
import type { ServerCommand, ServerConfig, ServerReply } from './serverProtocol'

const config = JSON.parse(process.env.SOAK_SERVER ?? '{}') as ServerConfig
// SOAK_CORE_SERVER points at another build of @volley/core/server (e.g. main's), to compare two builds.
const { createServer } = (
  process.env.SOAK_CORE_SERVER === undefined ? volleyServer : await import(process.env.SOAK_CORE_SERVER)
) as typeof volleyServer
const gc = (globalThis as { gc?: () => void }).gc
const counts = { handled: 0, errors: 0, disconnects: 0 }
const logBytes = { count: 0 }
const delay = monitorEventLoopDelay({ resolution: 10 })
delay.enable()

const http = createHttpServer()
const events = soakEvents(config.extraEvents)
let emitTick: (seq: number, text: string) => void
let connections: () => number

if (config.target === 'raw') {
  const io = new Server(http, { transports: ['websocket'], serveClient: false, ...config.socketio })
  io.on('connection', (socket) => {
    socket.on('disconnect', () => void (counts.disconnects += 1))
    for (const event of events.filter((name) => name !== 'join')) {
      socket.on(event, (payload: unknown, ack?: (answer: unknown) => void) => {
        counts.handled += 1
        if (typeof ack === 'function') ack({ ok: true, data: payload })
      })
    }
    socket.on('join', (payload: { room: string }, ack?: (answer: unknown) => void) => {
      void socket.join(payload.room)
      if (typeof ack === 'function') ack({ ok: true, data: { ok: true } })
    })
  })
  emitTick = (seq, text) => void io.to('watch').emit('tick', { seq, text })
  connections = () => io.of('/').sockets.size
} else {
  const contract = soakContract(config.extraEvents)
  const logger =
    config.logger === 'count'
      ? {
          warn: (message: string) => void (logBytes.count += message.length + 1),
          error: (message: string) => void (logBytes.count += message.length + 1),
        }
      : config.logger === 'silent'
        ? false
        : undefined
  const io = createServer(contract, {
    transports: ['websocket'],
    serveClient: false,
    ...config.socketio,
    ...(config.volley as object),
    ...(logger === undefined ? {} : { logger }),
    onError: config.countErrors ? () => void (counts.errors += 1) : undefined,
  })
  io.attach(http)
  io.on('connection', (socket) => {
    socket.on('disconnect', () => void (counts.disconnects += 1))
    socket.on('echo', (payload) => {
      counts.handled += 1
      return { n: payload.n }
    })
    socket.on('input', () => void (counts.handled += 1))
    socket.on('join', async ({ room }) => {
      await socket.join(room)
      return { ok: true }
    })
    // The extra events are not in the contract's static type (their names are computed).
    const on = socket.on.bind(socket) as unknown as (
      event: string,
      handler: (payload: unknown) => unknown,
    ) => void
    for (const event of events.slice(3)) {
      on(event, (payload) => {
        counts.handled += 1
        return payload
      })
    }
  })
  emitTick = (seq, text) => void io.to('watch').emit('tick', { seq, text })
  connections = () => io.raw.of('/').sockets.size
}

let broadcast: ReturnType<typeof setInterval> | undefined

function answer(command: ServerCommand): ServerReply {
  switch (command.cmd) {
    case 'heap': {
      for (let i = 0; i < 4; i += 1) gc?.()
      const { heapUsed, external } = process.memoryUsage()
      return { heapUsed, external }
    }
    case 'stats': {
      const cpu = process.cpuUsage()
      return {
        connections: connections(),
        cpu: cpu.user + cpu.system,
        ...counts,
        logBytes: logBytes.count,
        heapUsed: process.memoryUsage().heapUsed,
        loopDelayP99: delay.percentile(99) / 1e6,
      }
    }
    case 'reset-delay':
      delay.reset()
      return {}
    case 'broadcast': {
      clearInterval(broadcast)
      let seq = 0
      const text = 'x'.repeat(command.bytes)
      const perTick = Math.max(1, Math.round(command.rate / 100))
      broadcast = setInterval(() => {
        for (let i = 0; i < perTick; i += 1) emitTick(seq++, text)
      }, 10)
      return {}
    }
    case 'stop-broadcast':
      clearInterval(broadcast)
      return {}
    case 'schema-time': {
      // The schema's own time in this process, on freshly parsed copies (as payloads arrive), GC included.
      const schema = soakContract(0).clientToServer.input.payload['~standard']
      let total = 0
      for (let round = 0; round < 5; round += 1) {
        const copies = Array.from({ length: 20_000 }, () => JSON.parse(command.payload) as unknown)
        const start = performance.now()
        for (const copy of copies) schema.validate(copy)
        if (round > 0) total += performance.now() - start
      }
      return { microseconds: (total * 1000) / (4 * 20_000) }
    }
    case 'exit':
      setImmediate(() => process.exit(0))
      return {}
  }
}

process.on('message', (message: { id: number; command: ServerCommand }) => {
  process.send?.({ id: message.id, reply: answer(message.command) })
})
http.listen(0, '127.0.0.1', () => {
  process.send?.({ ready: (http.address() as AddressInfo).port })
})
