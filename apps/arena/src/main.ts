// The arena's browser client: `@volley/core/client`, plain TypeScript and a canvas, no UI framework.
import './styles.css'
import { connect, newToken } from './connection'
import { startGame, type GameView } from './game/GameSession'
import { showLobby } from './lobby'

declare global {
  interface Window {
    /** What the page shows, for end-to-end tests and the curious: `arena.view()` in the console. */
    arena: { view(): GameView | undefined; status(): string }
  }
}

const root = document.getElementById('app')!
const client = connect(newToken())
let view: (() => GameView) | undefined

function lobby(notice?: string): void {
  view = undefined
  if (client.getSnapshot().status === 'disconnected') client.connect()
  const close = showLobby({
    client,
    root,
    notice,
    onJoined: (joined, name) => {
      close()
      const session = startGame({
        client,
        root,
        joined,
        name,
        onLeave: (reason) => {
          session.stop()
          lobby(reason)
        },
      })
      view = session.view
    },
  })
}

window.arena = { view: () => view?.(), status: () => client.getSnapshot().status }
lobby()
