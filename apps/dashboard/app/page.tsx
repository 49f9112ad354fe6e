// The dashboard: a Server Component renders the KPIs, charts, alerts and viewers from the app's store, then
// client islands keep each of them live over Volley.
import { getVolley } from '@volley/next'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import type { ReactNode } from 'react'
import { dashboard, type Kpis } from '../lib/contract'
import { session } from '../lib/session'
import { store } from '../lib/store'
import { Brand } from './Brand'
import { AlertsPanel } from './live/AlertsPanel'
import { Bell } from './live/Bell'
import { CatchUpNotice } from './live/CatchUpNotice'
import { ConnectionBanner } from './live/ConnectionBanner'
import { CurrentUser } from './live/CurrentUser'
import { InboxProvider } from './live/inbox'
import { KpiValue } from './live/KpiValue'
import { LiveChart } from './live/LiveChart'
import { Toaster } from './live/toasts'
import { TopPages } from './live/TopPages'
import { TrafficToggle } from './live/TrafficToggle'
import { ViewerStack, Viewers } from './live/Viewers'
import { VolleyProvider } from './live/volley'

export const dynamic = 'force-dynamic'

const KPIS: { metric: keyof Kpis; label: string; hint: string }[] = [
  { metric: 'signupsPerMin', label: 'Signups / min', hint: 'last 60 seconds' },
  { metric: 'revenue', label: 'Revenue', hint: 'since launch' },
  { metric: 'p95', label: 'p95 latency', hint: 'page views, last 60 seconds' },
  { metric: 'pageviewsPerMin', label: 'Page views / min', hint: 'last 60 seconds' },
]

function Card({
  title,
  action,
  children,
  className = '',
}: {
  title: string
  action?: ReactNode
  children: ReactNode
  className?: string
}) {
  return (
    <section className={`card ${className}`}>
      <header className="card-head">
        <h2>{title}</h2>
        {action}
      </header>
      {children}
    </section>
  )
}

export default async function DashboardPage() {
  const me = await session.read(await cookies())
  if (me === undefined) redirect('/login')
  const state = store()
  const snapshot = state.metrics.snapshot()
  const series = state.metrics.series()
  const inbox = state.inbox.of(me.id)
  const watching = await getVolley(dashboard).presence('viewers').list({})

  return (
    <VolleyProvider options={{ reconnectionDelay: 500, reconnectionDelayMax: 2_000 }}>
      <InboxProvider initial={{ ...inbox, notifications: inbox.notifications.reverse() }} me={me}>
        <div className="shell">
          <header className="topbar">
            <Brand />
            <div className="topbar-actions">
              <TrafficToggle initial={state.trafficRunning} />
              <ViewerStack initial={watching} />
              <Bell />
              <CurrentUser me={me} />
            </div>
          </header>
          <ConnectionBanner />
          <CatchUpNotice />
          <main className="content">
            <section className="kpis" aria-label="Key figures">
              {KPIS.map(({ metric, label, hint }) => (
                <article key={metric} className={`card kpi kpi-${metric}`}>
                  <h2>{label}</h2>
                  <KpiValue metric={metric} initial={snapshot} />
                  <p className="kpi-hint">{hint}</p>
                </article>
              ))}
            </section>
            <div className="columns">
              <div className="column-main">
                <Card
                  title="Signups per minute"
                  action={<span className="legend legend-indigo">rolling 60 s</span>}
                >
                  <LiveChart series="signupsPerMin" initial={series} color="#4f46e5" label="Signups / min" />
                </Card>
                <Card
                  title="p95 latency"
                  action={<span className="legend legend-amber">ms · alert at 800</span>}
                >
                  <LiveChart series="p95" initial={series} color="#d97706" label="p95 (ms)" threshold={800} />
                </Card>
              </div>
              <div className="column-side">
                <Card title="Alerts">
                  <AlertsPanel initial={state.alerts.recent()} me={me} />
                </Card>
                <Card title="Top pages" action={<span className="muted small">last 5 min</span>}>
                  <TopPages initial={snapshot} />
                </Card>
                <Card title="Watching now">
                  <Viewers initial={watching} team={[...state.users.values()]} me={me} />
                </Card>
              </div>
            </div>
          </main>
        </div>
        <Toaster />
      </InboxProvider>
    </VolleyProvider>
  )
}
