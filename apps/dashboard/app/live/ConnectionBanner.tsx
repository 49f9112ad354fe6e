'use client'
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useRenderCount } from './useRenderCount'
import { useConnectionStatus } from './volley'

const subscribeOnline = (listener: () => void) => {
  window.addEventListener('online', listener)
  window.addEventListener('offline', listener)
  return () => {
    window.removeEventListener('online', listener)
    window.removeEventListener('offline', listener)
  }
}

/** Says when the live connection is not there (connecting, offline, refused), and briefly when it is back. */
export function ConnectionBanner() {
  const { status, id, attempt, lastError } = useConnectionStatus()
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  )
  const wasConnected = useRef(false)
  const [back, setBack] = useState(false)
  useRenderCount('banner')

  useEffect(() => {
    if (status !== 'connected') return setBack(false)
    if (!wasConnected.current) {
      wasConnected.current = true
      return
    }
    setBack(true)
    const timer = setTimeout(() => setBack(false), 4_000)
    return () => clearTimeout(timer)
  }, [status])

  let tone: 'info' | 'warn' | 'error' | 'ok' | undefined
  let text = ''
  if (status === 'connected') {
    if (back) {
      tone = 'ok'
      text = 'Back online. Live again.'
    }
  } else if (status === 'connecting') {
    tone = 'info'
    text = 'Connecting to live data…'
  } else if (status === 'reconnecting') {
    tone = online ? 'warn' : 'error'
    text = online
      ? `Connection lost. Reconnecting…${attempt > 1 ? ` (attempt ${attempt})` : ''}`
      : 'You are offline. The numbers on screen are frozen; they catch up when you are back.'
  } else if (lastError?.code === 'UNAUTHORIZED') {
    tone = 'error'
    text = 'Your session has ended. Sign in again to see live data.'
  } else {
    tone = 'error'
    text = 'Disconnected from live data.'
  }
  return (
    <div
      className={`banner${tone ? ` banner-${tone}` : ''}`}
      role="status"
      data-testid="connection-banner"
      data-status={status}
      data-socket-id={id ?? ''}
      hidden={tone === undefined}
    >
      <span className="banner-dot" aria-hidden />
      <span>{text}</span>
    </div>
  )
}
