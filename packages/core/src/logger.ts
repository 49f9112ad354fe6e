/** Where Volley writes what it refuses and what fails: `console` by default, `false` for silence. */
export interface VolleyLogger {
  warn(message: string, ...details: unknown[]): void
  error(message: string, ...details: unknown[]): void
}

const silent: VolleyLogger = { warn() {}, error() {} }

/** Whether a resolved logger is the silent one (`logger: false`). @internal */
export function isSilent(logger: VolleyLogger): boolean {
  return logger === silent
}

/** Resolves the `logger` option. @internal */
export function resolveLogger(logger: VolleyLogger | false | undefined): VolleyLogger {
  if (logger === false) return silent
  return logger ?? console
}
