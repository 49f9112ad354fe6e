import { VolleyError } from '@volley/core'
import type { JoinResult, RoomSummary } from '../shared/contract'
import type { ArenaClient } from './connection'
import { h } from './dom'

export type Joined = Extract<JoinResult, { status: 'joined' }>

/** Options for `showLobby`. */
export interface LobbyOptions {
  readonly client: ArenaClient
  readonly root: HTMLElement
  /** A notice to show first (e.g. why the player is back in the lobby). */
  readonly notice?: string
  readonly onJoined: (joined: Joined, name: string) => void
}

const NAME_KEY = 'arena:name'

/** What to show for a failed request: the contract's own message for invalid input, else the error's. */
function describe(error: unknown): string {
  if (VolleyError.is(error)) return error.issues?.[0]?.message ?? error.message
  return 'Something went wrong. Try again.'
}

/**
 * The lobby: pick a name, see the rooms with their player counts (live), join one or create one. A
 * refused join (a full room) shows the server's typed refusal.
 * @returns a function that removes the lobby
 */
export function showLobby({ client, root, notice, onJoined }: LobbyOptions): () => void {
  const name = h('input', {
    id: 'name',
    name: 'name',
    autocomplete: 'nickname',
    maxlength: '16',
    placeholder: 'e.g. Ada',
    'aria-label': 'Your name',
  })
  name.value = localStorage.getItem(NAME_KEY) ?? ''
  const rooms = h('ul', { class: 'rooms', 'aria-label': 'Rooms' })
  const alert = h('p', { class: 'alert', role: 'alert', 'data-testid': 'lobby-alert' }, notice ?? '')
  const title = h('input', {
    name: 'title',
    maxlength: '24',
    placeholder: 'New room name',
    'aria-label': 'New room name',
  })
  const create = h(
    'form',
    { class: 'create' },
    title,
    h('button', { type: 'submit', class: 'secondary' }, 'Create room'),
  )
  const status = h('p', { class: 'lobby-status', 'data-testid': 'lobby-status' })
  const view = h(
    'main',
    { class: 'lobby' },
    h(
      'section',
      { class: 'card' },
      h(
        'header',
        {},
        h('div', { class: 'logo', 'aria-hidden': 'true' }),
        h('h1', {}, 'Volley Arena'),
        h('p', { class: 'tagline' }, 'Walk onto the glowing orbs to score. Arrow keys or WASD to move.'),
      ),
      h('label', { class: 'field', for: 'name' }, 'Your name'),
      name,
      h('h2', {}, 'Rooms'),
      rooms,
      create,
      alert,
      status,
    ),
  )
  root.replaceChildren(view)
  if (name.value === '') name.focus()

  let busy = false
  const fail = (message: string, reason = ''): void => {
    alert.textContent = message
    alert.dataset.reason = reason
  }
  async function enter(request: () => Promise<JoinResult>): Promise<void> {
    if (busy) return
    busy = true
    fail('')
    try {
      const result = await request()
      if (result.status === 'refused') return fail(result.message, result.reason)
      localStorage.setItem(NAME_KEY, name.value.trim())
      onJoined(result, name.value.trim())
    } catch (error) {
      fail(describe(error))
    } finally {
      busy = false
    }
  }

  function render(list: readonly RoomSummary[]): void {
    rooms.replaceChildren(
      ...list.map((room) => {
        const full = room.players >= room.max
        return h(
          'li',
          { class: full ? 'room full' : 'room', 'data-room': room.id },
          h('span', { class: 'room-title' }, room.title),
          h(
            'span',
            { class: 'room-count', 'data-testid': 'room-count' },
            `${room.players} / ${room.max}`,
            full ? h('span', { class: 'badge' }, 'full') : undefined,
          ),
          h('span', { class: 'room-bar', style: `--fill: ${Math.round((room.players / room.max) * 100)}%` }),
          h('button', { type: 'button', 'aria-label': `Join ${room.title}` }, 'Join'),
        )
      }),
    )
    for (const button of rooms.querySelectorAll('button')) {
      const id = button.closest('li')!.dataset.room!
      button.addEventListener('click', () =>
        enter(() => client.request('room:join', { room: id, name: name.value })),
      )
    }
  }

  create.addEventListener('submit', (event) => {
    event.preventDefault()
    void enter(() => client.request('room:create', { title: title.value, name: name.value }))
  })
  const off = client.on('rooms:update', ({ rooms: list }) => render(list))
  const refresh = (): void => {
    client.request('rooms:list', undefined).then(
      ({ rooms: list }) => render(list),
      (error: unknown) => fail(describe(error)),
    )
  }
  let connected = false
  const onStatus = (): void => {
    const { status: now } = client.getSnapshot()
    status.textContent =
      now === 'connected' ? 'Connected' : now === 'connecting' ? 'Connecting…' : 'Reconnecting…'
    status.dataset.status = now
    if (now === 'connected' && !connected) refresh()
    connected = now === 'connected'
  }
  const unsubscribe = client.subscribe(onStatus)
  onStatus()
  return () => {
    off()
    unsubscribe()
  }
}
