'use client'
import { useRenderCount } from './useRenderCount'
import { useRequest, useSocketEvent } from './volley'

/** Starts and stops the built-in traffic generator (for everyone watching). */
export function TrafficToggle({ initial }: { initial: boolean }) {
  const running = useSocketEvent('traffic')?.running ?? initial
  const { send, isPending } = useRequest('traffic:set')
  useRenderCount('traffic')
  return (
    <button
      className={`button ${running ? 'button-live' : 'button-primary'}`}
      data-testid="traffic-toggle"
      data-running={running}
      disabled={isPending}
      onClick={() => send({ running: !running })}
    >
      <span className={`pulse${running ? ' pulse-on' : ''}`} aria-hidden />
      {running ? 'Stop traffic' : 'Simulate traffic'}
    </button>
  )
}
