'use client'
import { useActionState } from 'react'
import { signIn } from '../actions'

/** The sign-in form: a display name, sent to the `signIn` Server Action. */
export function SignInForm() {
  const [state, action, pending] = useActionState(signIn, {})
  return (
    <form action={action} className="login-form">
      <label htmlFor="name">Display name</label>
      <input
        id="name"
        name="name"
        autoComplete="nickname"
        placeholder="Ada Lovelace"
        maxLength={32}
        autoFocus
      />
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      <button className="button button-primary button-large" disabled={pending}>
        {pending ? 'Signing in…' : 'Open the dashboard'}
      </button>
    </form>
  )
}
