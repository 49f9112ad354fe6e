import { ORB_RADIUS, PLAYER_RADIUS, WORLD, type Vec } from '../../shared/rules'
import { slotColor } from '../dom'

/** A player as drawn: where it is shown and how. */
export interface DrawnPlayer {
  readonly slot: number
  readonly name: string
  readonly x: number
  readonly y: number
  readonly me: boolean
  readonly reconnecting: boolean
}

const GRID = 100

/** Draws the arena on a canvas, scaled to fit it, sharp on high-density screens. */
export class Renderer {
  readonly #context: CanvasRenderingContext2D
  #scale = 1
  #left = 0
  #top = 0

  constructor(readonly canvas: HTMLCanvasElement) {
    this.#context = canvas.getContext('2d')!
  }

  /** Fits the canvas to its box (call on resize). */
  resize(): void {
    const { clientWidth: width, clientHeight: height } = this.canvas
    const ratio = window.devicePixelRatio || 1
    this.canvas.width = Math.max(1, Math.round(width * ratio))
    this.canvas.height = Math.max(1, Math.round(height * ratio))
    const pad = 16
    this.#scale =
      Math.max(0.05, Math.min((width - 2 * pad) / WORLD.width, (height - 2 * pad) / WORLD.height)) * ratio
    this.#left = (this.canvas.width - WORLD.width * this.#scale) / 2
    this.#top = (this.canvas.height - WORLD.height * this.#scale) / 2
  }

  draw(players: readonly DrawnPlayer[], orbs: readonly Vec[], time: number): void {
    const c = this.#context
    c.setTransform(1, 0, 0, 1, 0, 0)
    c.clearRect(0, 0, this.canvas.width, this.canvas.height)
    c.setTransform(this.#scale, 0, 0, this.#scale, this.#left, this.#top)
    this.#floor(c)
    for (const orb of orbs) this.#orb(c, orb, time)
    // The local player last, on top.
    const ordered = [...players].sort((a, b) => Number(a.me) - Number(b.me))
    for (const player of ordered) this.#player(c, player)
  }

  #floor(c: CanvasRenderingContext2D): void {
    c.fillStyle = '#121a33'
    c.beginPath()
    c.roundRect(0, 0, WORLD.width, WORLD.height, 24)
    c.fill()
    c.save()
    c.clip()
    c.strokeStyle = 'rgba(148, 163, 184, 0.08)'
    c.lineWidth = 2
    c.beginPath()
    for (let x = GRID; x < WORLD.width; x += GRID) {
      c.moveTo(x, 0)
      c.lineTo(x, WORLD.height)
    }
    for (let y = GRID; y < WORLD.height; y += GRID) {
      c.moveTo(0, y)
      c.lineTo(WORLD.width, y)
    }
    c.stroke()
    c.restore()
    c.strokeStyle = 'rgba(148, 163, 184, 0.35)'
    c.lineWidth = 4
    c.beginPath()
    c.roundRect(0, 0, WORLD.width, WORLD.height, 24)
    c.stroke()
  }

  #orb(c: CanvasRenderingContext2D, orb: Vec, time: number): void {
    const pulse = 1 + 0.12 * Math.sin(time / 300 + orb.x * 0.05 + orb.y * 0.03)
    const glow = c.createRadialGradient(orb.x, orb.y, 0, orb.x, orb.y, ORB_RADIUS * 2.6 * pulse)
    glow.addColorStop(0, 'rgba(253, 224, 71, 0.55)')
    glow.addColorStop(1, 'rgba(253, 224, 71, 0)')
    c.fillStyle = glow
    c.beginPath()
    c.arc(orb.x, orb.y, ORB_RADIUS * 2.6 * pulse, 0, Math.PI * 2)
    c.fill()
    c.fillStyle = '#fde047'
    c.beginPath()
    c.arc(orb.x, orb.y, ORB_RADIUS, 0, Math.PI * 2)
    c.fill()
    c.fillStyle = 'rgba(255, 255, 255, 0.8)'
    c.beginPath()
    c.arc(orb.x - ORB_RADIUS * 0.3, orb.y - ORB_RADIUS * 0.3, ORB_RADIUS * 0.3, 0, Math.PI * 2)
    c.fill()
  }

  #player(c: CanvasRenderingContext2D, player: DrawnPlayer): void {
    const { x, y } = player
    c.save()
    if (player.reconnecting) c.globalAlpha = 0.45
    c.fillStyle = 'rgba(0, 0, 0, 0.35)'
    c.beginPath()
    c.ellipse(x, y + PLAYER_RADIUS * 0.9, PLAYER_RADIUS * 0.9, PLAYER_RADIUS * 0.35, 0, 0, Math.PI * 2)
    c.fill()
    c.fillStyle = slotColor(player.slot)
    c.beginPath()
    c.arc(x, y, PLAYER_RADIUS, 0, Math.PI * 2)
    c.fill()
    c.lineWidth = player.me ? 5 : 3
    c.strokeStyle = player.me ? '#ffffff' : 'rgba(15, 23, 42, 0.6)'
    if (player.reconnecting) c.setLineDash([6, 6])
    c.stroke()
    c.setLineDash([])
    c.font = '600 22px system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif'
    c.textAlign = 'center'
    c.textBaseline = 'bottom'
    const label = player.reconnecting
      ? `${player.name} · reconnecting…`
      : player.me
        ? `${player.name} (you)`
        : player.name
    // Keep the label inside the arena near the walls.
    const half = c.measureText(label).width / 2
    const labelX = Math.min(WORLD.width - half - 4, Math.max(half + 4, x))
    const labelY = y - PLAYER_RADIUS - 8 < 28 ? y + PLAYER_RADIUS + 30 : y - PLAYER_RADIUS - 8
    c.lineWidth = 5
    c.strokeStyle = 'rgba(11, 16, 32, 0.85)'
    c.strokeText(label, labelX, labelY)
    c.fillStyle = '#f8fafc'
    c.fillText(label, labelX, labelY)
    c.restore()
  }
}
