'use client'
import { useInbox } from './inbox'

/** After being offline: "3 new while you were away". */
export function CatchUpNotice() {
  const { missed, dismissMissed } = useInbox()
  if (missed === 0) return null
  return (
    <div className="catch-up" role="status">
      <span data-testid="catch-up">{missed} new while you were away</span>
      <button className="link-button" onClick={dismissMissed}>
        Dismiss
      </button>
    </div>
  )
}
