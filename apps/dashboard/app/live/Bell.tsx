'use client'
import { useEffect, useRef, useState } from 'react'
import { useInbox } from './inbox'
import { Ago } from './Ago'
import { useRenderCount } from './useRenderCount'

/** The notification bell: unread count, and a panel to read them and mark them read (a request with an ack). */
export function Bell() {
  const { notifications, readUpTo, unread, markAllRead } = useInbox()
  const [open, setOpen] = useState(false)
  const [marking, setMarking] = useState(false)
  const panel = useRef<HTMLDivElement>(null)
  useRenderCount('bell')

  useEffect(() => {
    if (!open) return
    const close = (event: MouseEvent) => {
      if (!panel.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])

  return (
    <div className="bell" ref={panel}>
      <button
        className="icon-button"
        aria-label={`Notifications, ${unread} unread`}
        aria-expanded={open}
        data-testid="bell"
        onClick={() => setOpen((value) => !value)}
      >
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" aria-hidden>
          <path
            d="M6 9a6 6 0 1 1 12 0c0 3.5 1 5.5 2 6.5H4c1-1 2-3 2-6.5ZM10 19a2 2 0 0 0 4 0"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {unread > 0 && (
          <span className="badge" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="dialog" aria-label="Notifications">
          <div className="bell-panel-head">
            <strong>Notifications</strong>
            <button
              className="link-button"
              disabled={unread === 0 || marking}
              onClick={() => {
                setMarking(true)
                markAllRead().finally(() => setMarking(false))
              }}
            >
              {marking ? 'Marking…' : 'Mark all as read'}
            </button>
          </div>
          {notifications.length === 0 ? (
            <p className="empty">Nothing yet. Alerts and pings from other viewers land here.</p>
          ) : (
            <ul className="notification-list" data-testid="notifications">
              {notifications.slice(0, 30).map((item) => (
                <li key={item.seq} className={item.seq <= readUpTo ? 'read' : 'unread'}>
                  <span className={`notification-kind kind-${item.kind}`} aria-hidden />
                  <div>
                    <strong>{item.title}</strong>
                    <p>{item.body}</p>
                    <Ago at={item.at} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
