import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { session } from '../../lib/session'
import { Brand } from '../Brand'
import { SignInForm } from './SignInForm'

export const dynamic = 'force-dynamic'

export default async function LoginPage() {
  if ((await session.read(await cookies())) !== undefined) redirect('/')
  return (
    <main className="login">
      <div className="login-card">
        <Brand />
        <h1>Watch the launch, live</h1>
        <p className="muted">
          Signups, revenue and latency as they happen, alerts the moment a threshold is crossed, and who else
          is watching.
        </p>
        <SignInForm />
      </div>
    </main>
  )
}
