import type { User } from '../../lib/contract'
import { signOut } from '../actions'
import { Avatar } from './Avatar'

/** The signed-in user and "Sign out" (a Server Action in a plain form). */
export function CurrentUser({ me }: { me: User }) {
  return (
    <form action={signOut} className="current-user">
      <Avatar name={me.name} size={30} />
      <span className="current-user-name" data-testid="me">
        {me.name}
      </span>
      <button className="button button-ghost-dark button-small">Sign out</button>
    </form>
  )
}
