import { cpuUsage } from 'node:process'
import { performance } from 'node:perf_hooks'
import { percentile } from '../server/ServerStats'
import { INPUT_RATE, KEY, TICK_MS } from '../shared/rules'
import { connect, newToken, type ArenaClient } from '../src/connection'
import { FixedStep } from '../src/game/FixedStep'

const DIRECTIONS = [
  KEY.up,
  KEY.down,
  KEY.left,
  KEY.right,
  KEY.up | KEY.left,
  KEY.up | KEY.right,
  KEY.down | KEY.left,
  KEY.down | KEY.right,
]

/** Bytes of one WebSocket frame: its payload plus the frame header (2 bytes up to 125, 4 up to 64 KiB). */
function frameBytes(data: unknown): number {
  const payload =
    typeof data === 'string'
      ? Buffer.byteLength(data) + 1
      : ((data as { byteLength?: number })?.byteLength ?? 0)
  return payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10)
}

/** One bot: a real arena client that joins a room with space and holds a random direction, changing it now and then. */
class Bot {
  readonly client: ArenaClient
  room = ''
  seq = 0
  keys = DIRECTIONS[0]!
  nextTurn = 0
  lastSnapshot: number | undefined
  readonly intervals: number[] = []
  bytesIn = 0
  bytesOut = 0
  snapshots = 0

  constructor(url: string) {
    this.client = connect(newToken(), url)
    this.client.raw.io.on('open', () => {
      const engine = this.client.raw.io.engine
      engine.on('packet', (packet: { type: string; data?: unknown }) => {
        this.bytesIn += frameBytes(packet.type === 'message' ? packet.data : 'x')
      })
      engine.on('packetCreate', (packet: { type: string; data?: unknown }) => {
        this.bytesOut += frameBytes(packet.type === 'message' ? packet.data : 'x')
      })
    })
    this.client.on('snapshot', () => {
      const now = performance.now()
      if (this.lastSnapshot !== undefined) this.intervals.push(now - this.lastSnapshot)
      this.lastSnapshot = now
      this.snapshots++
    })
  }

  async join(name: string): Promise<void> {
    const { rooms } = await this.client.request('rooms:list', undefined)
    const open = rooms.find((room) => room.players < room.max)
    const result =
      open === undefined
        ? await this.client.request('room:create', { title: `Bots ${rooms.length + 1}`, name })
        : await this.client.request('room:join', { room: open.id, name })
    if (result.status !== 'joined') return this.join(name)
    this.room = result.room.id
    this.seq = result.ack
  }

  input(now: number): void {
    if (now >= this.nextTurn) {
      this.keys = DIRECTIONS[Math.floor(Math.random() * DIRECTIONS.length)]!
      this.nextTurn = now + 300 + Math.random() * 1200
    }
    this.client.volatile.emit('input', { room: this.room, seq: ++this.seq, keys: this.keys })
  }
}

/** What a pool of bots measured over a window. */
export interface BotFigures {
  players: number
  seconds: number
  /** Snapshots per second per bot (30 when nothing is lost). */
  snapshotRate: number
  /** How far snapshot intervals stray from 33.3 ms, in ms, over every interval of every bot. */
  jitterMs: { p50: number; p99: number }
  /** WebSocket bytes per second per bot, frame headers included. */
  bytesInPerSecond: number
  bytesOutPerSecond: number
  /** CPU of this (the bots') process, % of one core. */
  botsCpuPercent: number
  disconnected: number
}

/**
 * N bots in this process, each a real `@volley/core/client` client of the arena (msgpack parser, token in
 * `auth`), sending 60 inputs a second on one shared fixed-rate timer.
 */
export class BotPool {
  readonly bots: Bot[] = []
  #timer: ReturnType<typeof setInterval> | undefined

  /** Connects `players` bots one after the other and seats them (rooms fill up to 8, then new ones open). */
  async start(url: string, players: number): Promise<void> {
    for (let i = 0; i < players; i++) {
      const bot = new Bot(url)
      this.bots.push(bot)
      await new Promise<void>((resolve, reject) => {
        const off = bot.client.subscribe(() => {
          const { status, lastError } = bot.client.getSnapshot()
          if (status === 'connected') resolve()
          else if (lastError !== undefined && status === 'disconnected') reject(lastError)
          else return
          off()
        })
      })
      await bot.join(`Bot ${i + 1}`)
    }
    const steps = new FixedStep(INPUT_RATE)
    this.#timer = setInterval(() => {
      const now = performance.now()
      const due = steps.advance(now)
      for (let i = 0; i < due; i++) for (const bot of this.bots) bot.input(now)
    }, 1000 / INPUT_RATE)
  }

  /** Starts a measurement window; the returned function ends it and summarizes. */
  measure(): () => BotFigures {
    const started = performance.now()
    const cpu = cpuUsage()
    for (const bot of this.bots) {
      bot.intervals.length = 0
      bot.bytesIn = 0
      bot.bytesOut = 0
      bot.snapshots = 0
    }
    return () => {
      const seconds = (performance.now() - started) / 1000
      const used = cpuUsage(cpu)
      const jitter = this.bots
        .flatMap((bot) => bot.intervals.map((interval) => Math.abs(interval - TICK_MS)))
        .sort((a, b) => a - b)
      const sum = (pick: (bot: Bot) => number) => this.bots.reduce((total, bot) => total + pick(bot), 0)
      const perBot = (pick: (bot: Bot) => number) => Math.round(sum(pick) / this.bots.length / seconds)
      return {
        players: this.bots.length,
        seconds: Number(seconds.toFixed(1)),
        snapshotRate: Number((sum((bot) => bot.snapshots) / this.bots.length / seconds).toFixed(1)),
        jitterMs: {
          p50: Number(percentile(jitter, 50).toFixed(1)),
          p99: Number(percentile(jitter, 99).toFixed(1)),
        },
        bytesInPerSecond: perBot((bot) => bot.bytesIn),
        bytesOutPerSecond: perBot((bot) => bot.bytesOut),
        botsCpuPercent: Number((((used.user + used.system) / 1000 / (seconds * 1000)) * 100).toFixed(1)),
        disconnected: this.bots.filter((bot) => bot.client.getSnapshot().status !== 'connected').length,
      }
    }
  }

  stop(): void {
    clearInterval(this.#timer)
    for (const bot of this.bots) bot.client.disconnect()
  }
}
