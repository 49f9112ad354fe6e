import type { RosterEntry } from '../../shared/contract'
import type { SnapshotPlayer } from '../../shared/snapshotCodec'
import { INPUT_RATE, type Vec } from '../../shared/rules'
import type { ArenaClient } from '../connection'
import type { Joined } from '../lobby'
import { FixedStep } from './FixedStep'
import { showGameLayout } from './gameLayout'
import { Interpolator } from './Interpolator'
import { trackKeyboard } from './keyboard'
import { Predictor } from './Predictor'
import { Renderer, type DrawnPlayer } from './Renderer'
import { renderScoreboard, scoreRows } from './Scoreboard'

/** Options for `startGame`. */
export interface GameOptions {
  readonly client: ArenaClient
  readonly root: HTMLElement
  readonly joined: Joined
  readonly name: string
  /** Back to the lobby, with a notice when the game ended for a reason. */
  readonly onLeave: (notice?: string) => void
}

/** What the page shows right now, for tests and the curious (`window.arena.view()`). */
export interface GameView {
  readonly room: string
  readonly slot: number
  readonly seated: boolean
  readonly players: readonly (DrawnPlayer & { readonly score: number })[]
  readonly orbs: readonly Vec[]
  /** When a movement key last went down, `Date.now()`. */
  readonly lastKeyDownAt: number | undefined
  readonly ping: number | undefined
}

const PING_EVERY_MS = 2_000

/**
 * One game in one room: sends inputs at 60 Hz while a key is held, predicts the local player and
 * reconciles it with each snapshot, interpolates the others, measures the ping, shows scores, and takes
 * the seat back after a reconnect.
 * @returns the `view` for tests and a function that ends the session
 */
export function startGame({ client, root, joined, name, onLeave }: GameOptions): {
  view: () => GameView
  stop: () => void
} {
  let { slot } = joined
  const room = joined.room
  let roster = new Map<number, RosterEntry>(joined.roster.map((entry) => [entry.slot, entry]))
  let seated = true
  let ping: number | undefined
  const predictor = new Predictor(joined.ack)
  const interpolator = new Interpolator()
  const inputs = new FixedStep(INPUT_RATE)
  const keyboard = trackKeyboard()
  const arrivals: number[] = []

  const { canvas, pingValue, rateValue, banner, scores, leave, playfield } = showGameLayout(root, room.title)
  const renderer = new Renderer(canvas)
  renderer.resize()
  const onResize = (): void => renderer.resize()
  window.addEventListener('resize', onResize)

  function shown(now: number): (DrawnPlayer & { score: number })[] {
    const latest = interpolator.latest
    if (latest === undefined) return []
    const positions = interpolator.positions(now)
    const players: (DrawnPlayer & { score: number })[] = []
    for (const player of latest.players) {
      const me = player.slot === slot
      const at: Vec | undefined = me
        ? (predictor.position ?? positions.get(player.slot))
        : positions.get(player.slot)
      if (at === undefined) continue
      const entry = roster.get(player.slot)
      players.push({
        slot: player.slot,
        name: entry?.name ?? '…',
        x: at.x,
        y: at.y,
        me,
        reconnecting: entry?.reconnecting ?? player.reconnecting,
        score: player.score,
      })
    }
    return players
  }

  // Scores and pings of the last snapshot; kept across a rejoin until the next one arrives.
  let latestPlayers: readonly SnapshotPlayer[] = []
  function updateScores(): void {
    renderScoreboard(scores, scoreRows(roster, latestPlayers, slot, ping))
  }

  const offSnapshot = client.on('snapshot', (snapshot) => {
    if (!seated) return
    const now = performance.now()
    if (!interpolator.push(snapshot, now)) return
    arrivals.push(now)
    while (arrivals[0]! < now - 1000) arrivals.shift()
    latestPlayers = snapshot.players
    const me = snapshot.players.find((player) => player.slot === slot)
    if (me !== undefined) predictor.reconcile(me, me.ack)
  })
  const offRoster = client.on('roster', (update) => {
    if (update.room !== room.id) return
    roster = new Map(update.players.map((entry) => [entry.slot, entry]))
    updateScores()
  })

  // The connection: lost → stop sending and say so; back → take the seat again (same token, same score).
  let lost = false
  let bannerTimer: ReturnType<typeof setTimeout> | undefined
  function showBanner(text: string, state: string): void {
    clearTimeout(bannerTimer)
    playfield.dataset.state = state
    banner.textContent = text
    banner.dataset.state = state
    banner.hidden = false
  }
  async function rejoin(): Promise<void> {
    try {
      const result = await client.request('room:join', { room: room.id, name })
      if (result.status === 'refused')
        return onLeave(`You could not get back into ${room.title}: ${result.message}`)
      slot = result.slot
      roster = new Map(result.roster.map((entry) => [entry.slot, entry]))
      predictor.reset(result.ack)
      interpolator.clear()
      seated = true
      showBanner(
        result.resumed ? 'Back in the game: your score is safe.' : 'Back in the game (a new seat).',
        'back',
      )
      bannerTimer = setTimeout(() => {
        banner.hidden = true
        delete playfield.dataset.state
      }, 2_500)
    } catch {
      showBanner('Could not rejoin the room. Retrying…', 'lost')
    }
  }
  const unsubscribe = client.subscribe(() => {
    const { status, lastError } = client.getSnapshot()
    if (status === 'connected') {
      if (lost) {
        lost = false
        void rejoin()
      }
      return
    }
    seated = false
    if (status === 'disconnected') return onLeave(lastError?.message ?? 'Disconnected.')
    if (!lost) {
      lost = true
      showBanner('Connection lost. Reconnecting…', 'lost')
    }
  })

  async function measurePing(): Promise<void> {
    if (client.getSnapshot().status !== 'connected') return
    const sent = performance.now()
    try {
      await client.request('ping', { rtt: ping ?? null }, { timeout: 5_000 })
      ping = Math.round(performance.now() - sent)
      if (seated) pingValue.textContent = String(ping)
    } catch {
      // A lost ping is shown by the connection banner, not here.
    }
  }
  void measurePing()
  const pingTimer = setInterval(() => void measurePing(), PING_EVERY_MS)

  let lastScores = 0
  let frame = requestAnimationFrame(function loop(now) {
    const steps = inputs.advance(now)
    const keys = keyboard.keys
    if (seated && keys !== 0) {
      for (let i = 0; i < steps; i++) {
        const input = predictor.input(keys)
        // Volatile: an input the connection cannot carry now is dropped, not replayed after a reconnect
        // (the rejoin resets the prediction from the server's last acknowledged input).
        if (input !== undefined) client.volatile.emit('input', { room: room.id, seq: input.seq, keys })
      }
    }
    renderer.draw(shown(now), interpolator.latest?.orbs ?? [], now)
    if (now - lastScores > 200) {
      lastScores = now
      while (arrivals.length > 0 && arrivals[0]! < now - 1000) arrivals.shift()
      rateValue.textContent = String(arrivals.length)
      pingValue.textContent = seated && ping !== undefined ? String(ping) : '—'
      updateScores()
    }
    frame = requestAnimationFrame(loop)
  })

  function stop(): void {
    cancelAnimationFrame(frame)
    clearInterval(pingTimer)
    clearTimeout(bannerTimer)
    window.removeEventListener('resize', onResize)
    keyboard.dispose()
    offSnapshot()
    offRoster()
    unsubscribe()
  }
  leave.addEventListener('click', () => {
    seated = false // no more inputs for this room
    const back = (): void => onLeave()
    client.request('room:leave', undefined).then(back, back)
  })

  return {
    view: () => ({
      room: room.id,
      slot,
      seated,
      players: shown(performance.now()),
      orbs: interpolator.latest?.orbs ?? [],
      lastKeyDownAt: keyboard.lastDownAt,
      ping,
    }),
    stop,
  }
}
