import { useEffect, useState } from 'react'
import type { User } from '../shared/contract'
import { fetchMe, logout } from './api'
import { ChatScreen } from './ChatScreen'
import { SignIn } from './SignIn'
import { VolleyProvider } from './volley'

/** Signed out: the sign-in card. Signed in: one Volley connection (the session cookie authenticates it). */
export function App() {
  const [me, setMe] = useState<User | null | undefined>(undefined)
  useEffect(() => {
    fetchMe().then(setMe, () => setMe(null))
  }, [])

  if (me === undefined) return <div className="splash">Loading…</div>
  if (me === null) return <SignIn onSignedIn={setMe} />
  return (
    <VolleyProvider key={me.id} options={{ reconnectionDelay: 500, reconnectionDelayMax: 2_000 }}>
      <ChatScreen
        me={me}
        onSignOut={() => {
          void logout().finally(() => setMe(null))
        }}
        onSessionExpired={() => setMe(null)}
      />
    </VolleyProvider>
  )
}
