import { KEY } from '../../shared/rules'

const CODES: Record<string, number> = {
  ArrowUp: KEY.up,
  KeyW: KEY.up,
  ArrowDown: KEY.down,
  KeyS: KEY.down,
  ArrowLeft: KEY.left,
  KeyA: KEY.left,
  ArrowRight: KEY.right,
  KeyD: KEY.right,
}

/** The movement keys held, as a `KEY` bitmask, and when one last went down (`Date.now()`). */
export interface Keyboard {
  readonly keys: number
  readonly lastDownAt: number | undefined
  dispose(): void
}

/** Tracks the arrow keys and WASD on `target`; letting go of the window releases them all. */
export function trackKeyboard(target: Window = window): Keyboard {
  let keys = 0
  let lastDownAt: number | undefined
  const down = (event: KeyboardEvent): void => {
    const key = CODES[event.code]
    if (key === undefined || event.target instanceof HTMLInputElement) return
    event.preventDefault()
    if ((keys & key) === 0) lastDownAt = Date.now()
    keys |= key
  }
  const up = (event: KeyboardEvent): void => {
    const key = CODES[event.code]
    if (key !== undefined) keys &= ~key
  }
  const blur = (): void => void (keys = 0)
  target.addEventListener('keydown', down)
  target.addEventListener('keyup', up)
  target.addEventListener('blur', blur)
  return {
    get keys() {
      return keys
    },
    get lastDownAt() {
      return lastDownAt
    },
    dispose() {
      target.removeEventListener('keydown', down)
      target.removeEventListener('keyup', up)
      target.removeEventListener('blur', blur)
    },
  }
}
