// The game's rules, shared by the server (authoritative) and the browser (prediction): the same constants
// and the same `step`, so a prediction replays exactly what the server computes.

/** Fixed server tick rate: simulation steps and snapshots per second. */
export const TICK_RATE = 30
/** Milliseconds per tick. */
export const TICK_MS = 1000 / TICK_RATE
/** Inputs per second a client samples and sends while a key is held; each input moves one input step. */
export const INPUT_RATE = 60
/** Players per room, unless the server is started with a lower cap (`ARENA_MAX_PLAYERS`). */
export const MAX_PLAYERS = 8

/** The arena, in world units (the canvas scales it to fit). */
export const WORLD = { width: 1600, height: 1000 } as const
export const PLAYER_RADIUS = 18
export const ORB_RADIUS = 9
export const ORB_COUNT = 12
/** World units per second. */
export const PLAYER_SPEED = 240
/** Positions are kept on a 1/8-unit grid, the precision of the binary snapshot, so both sides agree exactly. */
export const POSITION_SCALE = 8

/** Keys of an input, as a bitmask (4 bits). */
export const KEY = { up: 1, down: 2, left: 4, right: 8 } as const
export const ALL_KEYS = 15

/** A position in world units. */
export interface Vec {
  readonly x: number
  readonly y: number
}

const STEP = PLAYER_SPEED / INPUT_RATE

/** Rounds a coordinate to the snapshot grid. */
export function quantize(value: number): number {
  return Math.round(value * POSITION_SCALE) / POSITION_SCALE
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value
}

/**
 * One input step: moves a player by the keys held (diagonals as fast as straight lines), keeps it inside
 * the arena and on the snapshot grid. Pure and deterministic: the server runs it for every input it
 * accepts; the client runs it to predict, and again to replay unacknowledged inputs after a snapshot.
 *
 * @param position - where the player is
 * @param keys - a `KEY` bitmask
 * @returns where the player is after the step
 */
export function step(position: Vec, keys: number): Vec {
  const dx = (keys & KEY.right ? 1 : 0) - (keys & KEY.left ? 1 : 0)
  const dy = (keys & KEY.down ? 1 : 0) - (keys & KEY.up ? 1 : 0)
  if (dx === 0 && dy === 0) return position
  const scale = dx !== 0 && dy !== 0 ? STEP * Math.SQRT1_2 : STEP
  return {
    x: quantize(clamp(position.x + dx * scale, PLAYER_RADIUS, WORLD.width - PLAYER_RADIUS)),
    y: quantize(clamp(position.y + dy * scale, PLAYER_RADIUS, WORLD.height - PLAYER_RADIUS)),
  }
}

/** Whether a player at `player` touches an orb at `orb`. */
export function touches(player: Vec, orb: Vec): boolean {
  const dx = player.x - orb.x
  const dy = player.y - orb.y
  const reach = PLAYER_RADIUS + ORB_RADIUS
  return dx * dx + dy * dy <= reach * reach
}
