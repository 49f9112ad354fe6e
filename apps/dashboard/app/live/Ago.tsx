'use client'
import { useEffect, useState } from 'react'
import { formatAgo } from '../../lib/format'

/** "12 s ago", kept current every 10 seconds (after hydration: the server renders the time it had). */
export function Ago({ at }: { at: number }) {
  const [now, setNow] = useState<number | undefined>(undefined)
  useEffect(() => {
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), 10_000)
    return () => clearInterval(timer)
  }, [])
  return (
    <time className="ago" dateTime={new Date(at).toISOString()} suppressHydrationWarning>
      {formatAgo(at, now)}
    </time>
  )
}
