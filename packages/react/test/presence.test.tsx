import { act, render, screen, waitFor } from '@testing-library/react'
import { StrictMode, useState } from 'react'
import { describe, expect, it } from 'vitest'
import { createVolleyReact } from '../src/index'
import { lounge } from './presenceContract'
import { makeClient, sleep, startServer } from './helpers'

const { VolleyProvider, usePresence } = createVolleyReact(lounge)
const RELEASE_DELAY = 100 // core's default `releaseDelay`

/** A server whose `room` presence keys members by `auth.user`, recording every presence request. */
async function loungeServer() {
  const server = await startServer(lounge)
  const rooms = server.io.presence('room', { key: (socket) => socket.auth.user })
  const requests: string[] = []
  server.io.raw.on('connection', (socket) =>
    socket.onAny((event: string) => {
      if (event.startsWith('$volley:presence:'))
        requests.push(`${String(socket.handshake.auth.user)} ${event}`)
    }),
  )
  return { ...server, rooms, requests }
}

let setStatus: (status: 'online' | 'away') => void = () => {}
let goAway: () => Promise<void> = async () => {}

function Lobby({ name }: { name: string }) {
  const [status, set] = useState<'online' | 'away'>('online')
  setStatus = set
  // A new params object and a new meta object on every render: nothing is sent unless a value changes.
  const {
    status: state,
    others,
    me,
    update,
  } = usePresence('room', { room: 'lobby' }, { meta: { name, status } })
  goAway = () => update({ name, status: 'away' })
  return (
    <p data-testid={name}>
      {`${name} ${state}: me ${me?.meta.status ?? '-'}; others ${others.map((o) => `${o.meta.name}:${o.meta.status}`).join(',') || '-'}`}
    </p>
  )
}

function renderAs(url: string, name: string) {
  const client = makeClient(lounge, url, { auth: { user: name } })
  return render(
    <StrictMode>
      <VolleyProvider client={client}>
        <Lobby name={name} />
      </VolleyProvider>
    </StrictMode>,
  )
}

describe('usePresence', () => {
  it('StrictMode joins and tracks once; others, me and update; a new meta value is sent, the same one is not', async () => {
    const { url, rooms, requests } = await loungeServer()
    renderAs(url, 'ada')
    const bob = renderAs(url, 'bob')
    await screen.findByText('ada live: me online; others bob:online')
    await screen.findByText('bob live: me online; others ada:online')
    await sleep(RELEASE_DELAY + 100)
    expect(requests.sort()).toEqual(['ada $volley:presence:join', 'bob $volley:presence:join'])

    act(() => setStatus('away')) // the last Lobby rendered is Bob's
    await screen.findByText('ada live: me online; others bob:away')
    await act(() => goAway())
    expect(requests.filter((request) => request.startsWith('bob'))).toEqual([
      'bob $volley:presence:join',
      'bob $volley:presence:track',
    ])
    expect((await rooms.list({ room: 'lobby' })).map((member) => member.meta.status)).toEqual([
      'online',
      'away',
    ])

    bob.unmount()
    await screen.findByText('ada live: me online; others -')
  })

  it('holds the presence off while enabled is false, and leaves on unmount', async () => {
    const { url, rooms, requests } = await loungeServer()
    let enable: (enabled: boolean) => void = () => {}
    function Toggle() {
      const [enabled, set] = useState(false)
      enable = set
      const { status, members } = usePresence(
        'room',
        { room: 'hall' },
        { meta: { name: 'Cleo', status: 'online' }, enabled },
      )
      return <p>{`${status} ${members.length}`}</p>
    }
    const view = render(
      <VolleyProvider client={makeClient(lounge, url, { auth: { user: 'cleo' } })}>
        <Toggle />
      </VolleyProvider>,
    )
    await sleep(100)
    expect(screen.getByText('pending 0')).toBeTruthy()
    expect(requests).toEqual([])
    act(() => enable(true))
    await screen.findByText('live 1')
    view.unmount()
    await waitFor(async () => expect(await rooms.list({ room: 'hall' })).toEqual([]))
  })
})
