'use client'
import { useState } from 'react'
import type { User } from '../../lib/contract'
import { Avatar } from './Avatar'
import { useRenderCount } from './useRenderCount'
import { useViewers, type ViewerMembers } from './useViewers'
import { useRequest } from './volley'

/** The avatars in the top bar. */
export function ViewerStack({ initial }: { initial: ViewerMembers }) {
  const viewers = useViewers(initial)
  useRenderCount('viewer-stack')
  return (
    <div className="viewer-stack" data-testid="viewer-stack" aria-label={`${viewers.length} watching`}>
      {viewers.slice(0, 5).map((viewer) => (
        <Avatar key={viewer.id} name={viewer.name} size={30} />
      ))}
      <span className="viewer-count">{viewers.length} watching</span>
    </div>
  )
}

function PingForm({ to, onDone }: { to: User; onDone: () => void }) {
  const [message, setMessage] = useState('Can you take a look at the dashboard?')
  const { sendAsync, isPending, error } = useRequest('viewer:ping')
  return (
    <form
      className="ping-form"
      onSubmit={(event) => {
        event.preventDefault()
        sendAsync({ to: to.id, message }).then(onDone, () => {})
      }}
    >
      <input
        aria-label={`Message to ${to.name}`}
        value={message}
        maxLength={140}
        onChange={(event) => setMessage(event.target.value)}
        autoFocus
      />
      <button className="button button-small" disabled={isPending}>
        {isPending ? 'Sending…' : 'Send'}
      </button>
      {error && <p className="form-error">{error.issues?.[0]?.message ?? error.message}</p>}
    </form>
  )
}

function Member({
  viewer,
  me,
  watching,
  pinging,
  setPinging,
}: {
  viewer: User
  me: User
  watching: boolean
  pinging: string | undefined
  setPinging: (id: string | undefined) => void
}) {
  return (
    <li className={watching ? 'watching' : 'away'}>
      <div className="viewer-row">
        <Avatar name={viewer.name} />
        <span className="viewer-name">
          {viewer.name}
          {viewer.id === me.id && <span className="muted"> (you)</span>}
        </span>
        {viewer.id !== me.id && (
          <button
            className="button button-ghost button-small"
            onClick={() => setPinging(pinging === viewer.id ? undefined : viewer.id)}
          >
            Ping
          </button>
        )}
      </div>
      {pinging === viewer.id && <PingForm to={viewer} onDone={() => setPinging(undefined)} />}
    </li>
  )
}

/**
 * Who is watching (the `viewers` presence, live), then the teammates who signed in but are away: a
 * ping reaches them too, and waits in their inbox.
 */
export function Viewers({ initial, team, me }: { initial: ViewerMembers; team: User[]; me: User }) {
  const viewers = useViewers(initial)
  const [pinging, setPinging] = useState<string | undefined>(undefined)
  const [seen] = useState(() => new Map(team.map((member) => [member.id, member])))
  for (const viewer of viewers) seen.set(viewer.id, viewer)
  const away = [...seen.values()].filter((member) => !viewers.some((viewer) => viewer.id === member.id))
  useRenderCount('viewers')
  const list = (members: User[], watching: boolean) => (
    <ul className="viewers" data-testid={watching ? 'viewers' : 'away'}>
      {members.map((member) => (
        <Member
          key={member.id}
          viewer={member}
          me={me}
          watching={watching}
          pinging={pinging}
          setPinging={setPinging}
        />
      ))}
    </ul>
  )
  return (
    <>
      {list(viewers, true)}
      {away.length > 0 && (
        <>
          <h3 className="subhead">Away</h3>
          {list(away, false)}
        </>
      )}
    </>
  )
}
