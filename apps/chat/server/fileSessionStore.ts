import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import session from 'express-session'

/**
 * Sessions kept in a JSON file, so that a restarted server still knows who is signed in (the demo's
 * restart test uses it; the default in-memory store forgets everyone). Small and synchronous: a demo
 * store, not a production one.
 */
export class FileSessionStore extends session.Store {
  readonly #sessions: Record<string, session.SessionData>

  constructor(private readonly file: string) {
    super()
    this.#sessions = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, session.SessionData>)
      : {}
  }

  #save(): void {
    writeFileSync(this.file, JSON.stringify(this.#sessions))
  }

  override get(sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    callback(null, this.#sessions[sid] ?? null)
  }

  override set(sid: string, data: session.SessionData, callback?: (error?: unknown) => void): void {
    this.#sessions[sid] = data
    this.#save()
    callback?.()
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    delete this.#sessions[sid]
    this.#save()
    callback?.()
  }
}
