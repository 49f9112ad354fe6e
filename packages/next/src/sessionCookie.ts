import { validate, type Schema } from '@volley/core'
import type { StandardSchemaV1 } from '@standard-schema/spec'

/** Options for `createSessionCookie`. */
export interface SessionCookieOptions<TSchema extends Schema> {
  /** The schema of what the session holds; a cookie whose content fails it reads as no session. */
  schema: TSchema
  /**
   * The key that signs the cookie (HMAC-SHA-256), at least 32 characters, or a function that returns it
   * when it is needed (so the custom server can set `process.env.SESSION_SECRET` before route code reads it).
   * Defaults to `process.env.SESSION_SECRET`.
   */
  secret?: string | (() => string | undefined)
  /** The cookie's name. Defaults to `'session'`. */
  name?: string
  /** Lifetime in seconds, signed into the value and set as `Max-Age`. Defaults to `604_800` (7 days). */
  maxAge?: number
  /**
   * Send the cookie over HTTPS only. Set `false` for an app served over plain HTTP other than on
   * `localhost`. Defaults to `true` when `NODE_ENV` is `production`, else `false`.
   */
  secure?: boolean
}

/** The attributes to set the cookie with (the shape of Next's `cookies().set` options). */
export interface SessionCookieAttributes {
  readonly httpOnly: true
  readonly sameSite: 'lax'
  readonly path: '/'
  readonly secure: boolean
  readonly maxAge: number
}

/** Where `read` finds the cookie: a `Cookie` header, Next's `cookies()`, a `Request` or a Node request. */
export type CookieSource =
  | string
  | null
  | undefined
  | { get(name: string): { readonly value: string } | undefined }
  | { readonly headers: Headers }
  | { readonly headers: { readonly cookie?: string | undefined } }

/** A signed session cookie, shared by Next (Route Handlers, Server Actions, Server Components) and the socket handshake. */
export interface SessionCookie<TSession> {
  /** The cookie's name. */
  readonly name: string
  /** The attributes to set it with: `cookies().set(session.name, await session.seal(user), session.attributes)`. */
  readonly attributes: SessionCookieAttributes
  /** Signs a session into a cookie value. */
  seal(session: TSession): Promise<string>
  /** Verifies a cookie value (signature, expiry, schema); `undefined` when any check fails. */
  open(value: string | undefined): Promise<TSession | undefined>
  /** Finds the cookie in a source and opens it. */
  read(source: CookieSource): Promise<TSession | undefined>
}

const encoder = new TextEncoder()

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

function cookieHeader(source: CookieSource): string | undefined {
  if (typeof source === 'string') return source
  if (source === null || source === undefined) return undefined
  if ('get' in source && typeof source.get === 'function') return undefined
  const headers = (source as { headers: Headers | { cookie?: string } }).headers
  return typeof (headers as Headers).get === 'function'
    ? ((headers as Headers).get('cookie') ?? undefined)
    : (headers as { cookie?: string }).cookie
}

function fromHeader(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim())
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

/**
 * A signed cookie that carries the Next app's session to Route Handlers, Server Actions, Server Components
 * and the Socket.IO handshake (with `withSession` from `@volley/next/server`). The value is the session as
 * JSON with an expiry, signed with HMAC-SHA-256 (Web Crypto: Node.js and edge), so it cannot be forged
 * without the secret; it is readable by whoever holds the cookie, so keep secrets out of it.
 *
 * @example
 * export const session = createSessionCookie({ name: 'lc.session', schema: z.object({ id: z.string(), name: z.string() }) })
 * // a Server Action that signs in:
 * ;(await cookies()).set(session.name, await session.seal({ id, name }), session.attributes)
 * // a Server Component:
 * const user = await session.read(await cookies())
 * @param options - `schema`, `secret`, `name`, `maxAge`, `secure`
 * @returns the session cookie: `seal`, `open`, `read`, `name`, `attributes`
 */
export function createSessionCookie<TSchema extends Schema>(
  options: SessionCookieOptions<TSchema>,
): SessionCookie<StandardSchemaV1.InferOutput<TSchema>> {
  type TSession = StandardSchemaV1.InferOutput<TSchema>
  const name = options.name ?? 'session'
  const maxAge = options.maxAge ?? 604_800
  const keys = new Map<string, Promise<CryptoKey>>()
  const key = (): Promise<CryptoKey> => {
    const secret =
      typeof options.secret === 'function'
        ? options.secret()
        : (options.secret ?? (typeof process === 'undefined' ? undefined : process.env.SESSION_SECRET))
    if (secret === undefined || secret.length < 32) {
      throw new TypeError(
        `[volley] createSessionCookie("${name}"): the secret must be at least 32 characters; set SESSION_SECRET ` +
          '(e.g. `openssl rand -hex 32`) or pass `secret`.',
      )
    }
    let cached = keys.get(secret)
    if (cached === undefined) {
      cached = crypto.subtle.importKey(
        'raw',
        encoder.encode(secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign', 'verify'],
      )
      keys.set(secret, cached)
    }
    return cached
  }
  const open = async (value: string | undefined): Promise<TSession | undefined> => {
    const dot = value?.lastIndexOf('.') ?? -1
    if (value === undefined || dot <= 0) return undefined
    const body = value.slice(0, dot)
    let content: unknown
    try {
      const signature = fromBase64Url(value.slice(dot + 1))
      if (!(await crypto.subtle.verify('HMAC', await key(), signature, encoder.encode(body))))
        return undefined
      content = JSON.parse(new TextDecoder().decode(fromBase64Url(body)))
    } catch (error) {
      if (error instanceof TypeError && error.message.startsWith('[volley]')) throw error
      return undefined
    }
    const { session, exp } = (content ?? {}) as { session?: unknown; exp?: unknown }
    if (typeof exp !== 'number' || exp < Date.now()) return undefined
    const result = await validate(options.schema, session)
    return result.ok ? (result.value as TSession) : undefined
  }
  return {
    name,
    attributes: {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: options.secure ?? (typeof process !== 'undefined' && process.env.NODE_ENV === 'production'),
      maxAge,
    },
    async seal(session) {
      const body = toBase64Url(encoder.encode(JSON.stringify({ session, exp: Date.now() + maxAge * 1000 })))
      const signature = await crypto.subtle.sign('HMAC', await key(), encoder.encode(body))
      return `${body}.${toBase64Url(new Uint8Array(signature))}`
    },
    open,
    read(source) {
      if (
        typeof source === 'object' &&
        source !== null &&
        'get' in source &&
        typeof source.get === 'function'
      ) {
        return open(source.get(name)?.value)
      }
      const header = cookieHeader(source)
      return open(header === undefined ? undefined : fromHeader(header, name))
    },
  }
}
