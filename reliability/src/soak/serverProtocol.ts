/** How the soak server process is set up (passed as JSON in SOAK_SERVER). */
export interface ServerConfig {
  readonly target: 'raw' | 'volley'
  /** More contract events beyond the three fixed ones (`echo`, `input`, `join`). */
  readonly extraEvents: number
  /** socket.io options for both targets (JSON only). */
  readonly socketio?: Record<string, unknown>
  /** Volley's own options (JSON only). */
  readonly volley?: Record<string, unknown>
  /** `default` (console, to the process's stderr), `count` (count bytes), or `silent`. Defaults to `default`. */
  readonly logger?: 'default' | 'count' | 'silent'
  /** Count `onError` calls (installs a hook). Defaults to `false`. */
  readonly countErrors?: boolean
}

/** A command for the server process. */
export type ServerCommand =
  | { readonly cmd: 'heap' }
  | { readonly cmd: 'stats' }
  | { readonly cmd: 'reset-delay' }
  | { readonly cmd: 'broadcast'; readonly rate: number; readonly bytes: number }
  | { readonly cmd: 'stop-broadcast' }
  | { readonly cmd: 'exit' }
  | { readonly cmd: 'schema-time'; readonly payload: string }

/** What the server process answers. */
export interface ServerReply {
  readonly heapUsed?: number
  /** Memory of Buffers and ArrayBuffers (outside the V8 heap), in bytes. */
  readonly external?: number
  readonly connections?: number
  readonly cpu?: number
  readonly handled?: number
  readonly errors?: number
  readonly disconnects?: number
  readonly logBytes?: number
  readonly loopDelayP99?: number
  /** µs per validation of `input` (schema-time). */
  readonly microseconds?: number
}
