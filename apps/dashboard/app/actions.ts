'use server'
// Server Actions. Next bundles them apart from the custom server: they reach its Volley server through
// getVolley(dashboard) and the shared store through singleton().
import { randomUUID } from 'node:crypto'
import { VolleyError, type WireError } from '@volley/core'
import { getVolley, parsePayload } from '@volley/next'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { dashboard, type Alert } from '../lib/contract'
import { acknowledge, userRoom } from '../lib/launchControl'
import { session } from '../lib/session'
import { store } from '../lib/store'

/** What an action answers: the same envelope as a socket ack. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: WireError }

/** "Acknowledge alert": every viewer sees who acknowledged it (and the others get a toast). */
export async function acknowledgeAlert(input: { id: string }): Promise<ActionResult<Alert>> {
  try {
    const me = await session.read(await cookies())
    if (me === undefined) throw new VolleyError('UNAUTHORIZED', 'Sign in again to acknowledge alerts.')
    const { id } = await parsePayload(dashboard, 'alert:ack', input)
    return { ok: true, data: await acknowledge(getVolley(dashboard), id, me) }
  } catch (error) {
    if (VolleyError.is(error)) return { ok: false, error: error.toJSON() }
    throw error
  }
}

/** Signs in with a display name (a demo: no password) and opens the dashboard. */
export async function signIn(_state: { error?: string }, form: FormData): Promise<{ error?: string }> {
  const name = String(form.get('name') ?? '').trim()
  if (name.length < 1 || name.length > 32) return { error: 'Pick a name of 1 to 32 characters.' }
  const user = { id: randomUUID(), name }
  store().users.set(user.id, user)
  ;(await cookies()).set(session.name, await session.seal(user), session.attributes)
  redirect('/')
}

/** Signs out, and closes this user's live connections. */
export async function signOut(): Promise<void> {
  const jar = await cookies()
  const me = await session.read(jar)
  jar.delete(session.name)
  if (me !== undefined) getVolley(dashboard).in(userRoom(me.id)).disconnectSockets(true)
  redirect('/login')
}
