/** Something with a deadline (a `Date.now()` time) that the sweep expires. @internal */
export interface Expiring {
  readonly deadline: number
  expire(): void
}

// setTimeout fires at once past 2^31 - 1 ms: a longer wait is cut into pieces.
const MAX_DELAY = 2_147_483_647

const entries = new Set<Expiring>()
let timer: ReturnType<typeof setTimeout> | undefined
let armedFor = Number.POSITIVE_INFINITY

function arm(deadline: number): void {
  clearTimeout(timer)
  armedFor = deadline
  timer = setTimeout(sweep, Math.min(Math.max(0, deadline - Date.now()), MAX_DELAY))
  // In Node, the sweep alone never keeps the process alive (the socket a request waits on does).
  ;(timer as { unref?: () => void }).unref?.()
}

function sweep(): void {
  timer = undefined
  armedFor = Number.POSITIVE_INFINITY
  const now = Date.now()
  let next = Number.POSITIVE_INFINITY
  for (const entry of entries) {
    if (entry.deadline <= now) {
      entries.delete(entry)
      try {
        entry.expire()
      } catch {
        // An expiry must not keep the others from expiring.
      }
    } else if (entry.deadline < next) next = entry.deadline
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next)
}

/**
 * One timer for every timeout in the process, instead of one per request: the timer is set for the
 * earliest deadline and, when it fires, expires everything that is due and sets itself for the next one.
 * Adding an entry sets a timer only when it is due before the armed one, which with one timeout for all
 * requests never happens once the first is armed; finishing an entry is a `Set` delete. @internal
 * @param entry - what to expire at its `deadline`
 */
export function scheduleExpiry(entry: Expiring): void {
  entries.add(entry)
  if (entry.deadline < armedFor) arm(entry.deadline)
}

/** Removes an entry that finished in time. @internal */
export function cancelExpiry(entry: Expiring): void {
  entries.delete(entry)
}
