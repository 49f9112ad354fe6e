import type { User } from '../shared/contract'

async function call(path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  })
}

/** The signed-in user, or `null`. */
export async function fetchMe(): Promise<User | null> {
  const response = await call('/api/me')
  return response.ok ? ((await response.json()) as { user: User }).user : null
}

/** Signs in with a display name (REST, sets the session cookie the socket handshake then carries). */
export async function login(name: string): Promise<User> {
  const response = await call('/api/login', { name })
  const body = (await response.json()) as { user?: User; error?: string }
  if (!response.ok || body.user === undefined) throw new Error(body.error ?? 'Could not sign in.')
  return body.user
}

/** Ends the session (the server disconnects this user's sockets). */
export async function logout(): Promise<void> {
  await call('/api/logout', {})
}
