import { h } from '../dom'

/**
 * Puts the game screen in `root`: a top bar (room, ping, snapshot rate, Leave), the playfield (canvas,
 * connection banner, hint) and the score board.
 * @returns the elements the session updates
 */
export function showGameLayout(root: HTMLElement, title: string) {
  const canvas = h('canvas', { 'aria-label': `Arena: ${title}`, 'data-testid': 'arena' })
  const pingValue = h('strong', { 'data-testid': 'ping' }, '…')
  const rateValue = h('strong', { 'data-testid': 'tick-rate' }, '…')
  const banner = h('div', {
    class: 'banner',
    role: 'status',
    'data-testid': 'connection-banner',
    hidden: true,
  })
  const scores = h('ol', { class: 'scores', 'data-testid': 'scoreboard' })
  const leave = h('button', { type: 'button', class: 'secondary' }, 'Leave')
  const playfield = h(
    'div',
    { class: 'playfield' },
    canvas,
    banner,
    h('p', { class: 'hint' }, 'Move with the arrow keys or WASD · collect the orbs'),
  )
  root.replaceChildren(
    h(
      'main',
      { class: 'game' },
      h(
        'header',
        { class: 'topbar' },
        h(
          'span',
          { class: 'brand' },
          h('span', { class: 'logo small', 'aria-hidden': 'true' }),
          'Volley Arena',
        ),
        h('span', { class: 'room-name', 'data-testid': 'room-title' }, title),
        h('span', { class: 'stat' }, 'Ping ', pingValue, ' ms'),
        h('span', { class: 'stat' }, 'Snapshots ', rateValue, ' /s'),
        leave,
      ),
      playfield,
      h('aside', { class: 'sidebar', 'aria-label': 'Scores' }, h('h2', {}, 'Scores'), scores),
    ),
  )
  return { canvas, pingValue, rateValue, banner, scores, leave, playfield }
}
