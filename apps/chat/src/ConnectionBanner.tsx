import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useConnectionStatus, useSocket } from './volley'

const subscribeOnline = (listener: () => void) => {
  window.addEventListener('online', listener)
  window.addEventListener('offline', listener)
  return () => {
    window.removeEventListener('online', listener)
    window.removeEventListener('offline', listener)
  }
}

/** Says when the connection is not there: connecting, reconnecting, offline; and briefly when it is back. */
export function ConnectionBanner() {
  const client = useSocket()
  const { status, attempt, lastError } = useConnectionStatus()
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine)
  const wasConnected = useRef(false)
  const [back, setBack] = useState(false)

  useEffect(() => {
    if (status === 'connected') {
      if (wasConnected.current) {
        setBack(true)
        const timer = setTimeout(() => setBack(false), 3_000)
        return () => clearTimeout(timer)
      }
      wasConnected.current = true
    } else {
      setBack(false)
    }
  }, [status])

  let tone: 'info' | 'warn' | 'error' | 'ok'
  let text: string
  if (status === 'connected') {
    if (!back) return null
    tone = 'ok'
    text = 'Back online.'
  } else if (status === 'connecting') {
    tone = 'info'
    text = 'Connecting…'
  } else if (status === 'reconnecting') {
    tone = online ? 'warn' : 'error'
    text = online
      ? `Connection lost. Reconnecting…${attempt > 1 ? ` (attempt ${attempt})` : ''}`
      : 'You are offline. Messages you send will go out when the connection is back.'
  } else {
    tone = 'error'
    text = `Offline${lastError ? `: ${lastError.message}` : '.'}`
  }
  return (
    <div
      className={`banner banner-${tone}`}
      role="status"
      data-testid="connection-banner"
      data-status={status}
    >
      <span className="banner-dot" aria-hidden />
      <span>{text}</span>
      {status === 'disconnected' && (
        <button className="ghost small" onClick={() => client.connect()}>
          Retry
        </button>
      )}
    </div>
  )
}
