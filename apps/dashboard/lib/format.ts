import type { Kpis } from './contract'

const count = new Intl.NumberFormat('en-US')
const currency = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
})

/** How each KPI is shown, on the server and in the browser alike. */
export function formatKpi(metric: keyof Kpis, value: number): string {
  switch (metric) {
    case 'revenue':
      return currency.format(value)
    case 'p95':
      return value === 0 ? '—' : `${count.format(value)} ms`
    default:
      return count.format(value)
  }
}

/** "12 s ago", "3 min ago", "14:05". */
export function formatAgo(at: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000))
  if (seconds < 60) return `${seconds} s ago`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
}

/** Two letters for an avatar. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/)
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : (parts[0]?.[1] ?? ''))
  ).toUpperCase()
}

/** A stable hue for a name, for avatars. */
export function hue(name: string): number {
  let hash = 0
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 360
  return hash
}
