import type { VolleyIssue } from './types'

/** Longest untrusted name (event name, path segment) Volley quotes in a message or a log line. */
export const MAX_NAME_LENGTH = 64
/** Longest message text Volley sends back or logs for one failure. */
export const MAX_MESSAGE_LENGTH = 240
/** Most validation issues Volley sends back or logs for one failure (the rest are counted). */
export const MAX_ISSUES = 10

/**
 * Cuts an untrusted string to `max` characters, saying how much was cut: a 100 KB event name becomes
 * 64 characters and `…(+102336 chars)`. @internal
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(+${text.length - max} chars)`
}

/**
 * Quotes an untrusted value for a message or a log line: truncated, JSON-escaped (so control characters
 * and newlines cannot forge log lines), and never longer than about `max` characters. @internal
 * @example quote('message:send') // '"message:send"'
 */
export function quote(value: unknown, max = MAX_NAME_LENGTH): string {
  return JSON.stringify(truncate(typeof value === 'string' ? value : String(value), max))
}

/**
 * The message for untrusted data its schema refused: the first issue and its path, bounded (the event
 * name quoted, the path and message truncated). @internal
 */
export function invalidMessage(event: string, what: string, issues: readonly VolleyIssue[]): string {
  const first = issues[0]
  const path = first?.path && first.path.length > 0 ? first.path.join('.') : ''
  const where = path === '' ? '' : ` at ${truncate(path, MAX_NAME_LENGTH)}`
  return `Invalid ${what} for ${quote(event)}${where}: ${truncate(first?.message ?? 'invalid', MAX_MESSAGE_LENGTH)}`
}

function boundSegment(segment: string | number): string | number {
  return typeof segment === 'string' ? truncate(segment, MAX_NAME_LENGTH) : segment
}

/**
 * Bounds validation issues before they are sent or logged: at most `MAX_ISSUES` issues (a last one says
 * how many were left out), messages truncated, path segments truncated, paths at most 32 segments. A
 * payload with 10,000 invalid elements yields a few hundred bytes, not 10,000 issues. @internal
 */
export function boundIssues(issues: readonly VolleyIssue[]): readonly VolleyIssue[] {
  const kept = issues.length <= MAX_ISSUES ? issues : issues.slice(0, MAX_ISSUES - 1)
  const bounded = kept.map((issue): VolleyIssue => {
    const message = truncate(issue.message, MAX_MESSAGE_LENGTH)
    if (issue.path === undefined) return { message }
    const path = issue.path.length > 32 ? issue.path.slice(0, 32) : issue.path
    return { message, path: path.map(boundSegment) }
  })
  if (kept.length < issues.length)
    bounded.push({ message: `…and ${issues.length - kept.length} more issues` })
  return bounded
}
