import { getCurrentScope, onScopeDispose } from 'vue'

function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production'
  } catch {
    return true
  }
}

/** `true` where there is no DOM (server rendering): composables then read snapshots but never subscribe. */
export const isServer: boolean = typeof window === 'undefined'

/**
 * Runs `stop` when the current effect scope ends; outside any scope, warns in development that the
 * subscription will never be cleaned up.
 *
 * @param name - the composable, for the warning
 * @param stop - the cleanup
 */
export function disposeWithScope(name: string, stop: () => void): void {
  if (getCurrentScope()) {
    onScopeDispose(stop)
  } else if (isDevelopment()) {
    console.warn(
      `[volley] ${name}() was called outside setup() or an effect scope, so its subscription is never cleaned up. ` +
        "Call it inside a component's setup(), or inside effectScope().run(() => ...) and stop the scope when done.",
    )
  }
}
