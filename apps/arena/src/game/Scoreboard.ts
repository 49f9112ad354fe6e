import type { RosterEntry } from '../../shared/contract'
import type { SnapshotPlayer } from '../../shared/snapshotCodec'
import { h, slotColor } from '../dom'

/** One row of the score board. */
export interface ScoreRow {
  readonly slot: number
  readonly name: string
  readonly score: number
  readonly ping: number
  readonly reconnecting: boolean
  readonly me: boolean
}

/** Joins the roster (names, connection) with the latest snapshot (scores, pings); best score first. */
export function scoreRows(
  roster: ReadonlyMap<number, RosterEntry>,
  players: readonly SnapshotPlayer[],
  mySlot: number,
  myPing: number | undefined,
): ScoreRow[] {
  const bySlot = new Map(players.map((player) => [player.slot, player]))
  return [...roster.values()]
    .map((entry) => {
      const player = bySlot.get(entry.slot)
      const me = entry.slot === mySlot
      return {
        slot: entry.slot,
        name: entry.name,
        score: player?.score ?? 0,
        ping: me && myPing !== undefined ? myPing : (player?.ping ?? 0),
        reconnecting: entry.reconnecting,
        me,
      }
    })
    .sort((a, b) => b.score - a.score || a.slot - b.slot)
}

/** Renders the score board rows into a list (only when they changed). */
export function renderScoreboard(list: HTMLOListElement, rows: readonly ScoreRow[]): void {
  const key = JSON.stringify(rows)
  if (list.dataset.key === key) return
  list.dataset.key = key
  list.replaceChildren(
    ...rows.map((row) =>
      h(
        'li',
        {
          class: `score-row${row.me ? ' me' : ''}${row.reconnecting ? ' reconnecting' : ''}`,
          'data-name': row.name,
          'data-status': row.reconnecting ? 'reconnecting' : 'playing',
        },
        h('span', { class: 'dot', style: `background: ${slotColor(row.slot)}` }),
        h(
          'span',
          { class: 'who' },
          h('span', { class: 'name' }, row.name),
          row.me ? h('span', { class: 'tag' }, 'you') : undefined,
          row.reconnecting
            ? h('span', { class: 'tag warn', 'data-testid': 'reconnecting' }, 'reconnecting…')
            : undefined,
        ),
        h(
          'span',
          { class: 'ping', title: 'Round trip to the server' },
          row.reconnecting ? '—' : `${row.ping} ms`,
        ),
        h('span', { class: 'score' }, String(row.score)),
      ),
    ),
  )
}
