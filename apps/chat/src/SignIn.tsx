import { useState, type FormEvent } from 'react'
import type { User } from '../shared/contract'
import { login } from './api'

/** The sign-in card: pick a display name. */
export function SignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setPending(true)
    setError(null)
    try {
      onSignedIn(await login(name))
    } catch (caught) {
      setError((caught as Error).message)
      setPending(false)
    }
  }

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden>
            V
          </span>
          Volley Chat
        </div>
        <p className="muted">Typed, validated real-time chat. Pick a name to join the conversation.</p>
        <label htmlFor="name">Display name</label>
        <input
          id="name"
          autoFocus
          autoComplete="nickname"
          placeholder="e.g. Ada Lovelace"
          value={name}
          maxLength={32}
          onChange={(event) => setName(event.target.value)}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={pending}>
          {pending ? 'Signing in…' : 'Join chat'}
        </button>
      </form>
    </main>
  )
}
