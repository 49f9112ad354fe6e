import { useState } from 'react'
import { useConnectionStatus, useRequest, useSocketEvent, VolleyProvider } from './volley'

function Chat() {
  const { status } = useConnectionStatus()
  const [messages, setMessages] = useState<{ id: string; text: string }[]>([])
  useSocketEvent('message:new', (message) => setMessages((all) => [...all, message]))
  const { send, isPending, error } = useRequest('message:send')
  const [text, setText] = useState('')

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
        send({ room: 'lobby', text })
        setText('')
      }}
    >
      <p>Status: {status}</p>
      <ul>
        {messages.map((message) => (
          <li key={message.id}>{message.text}</li>
        ))}
      </ul>
      <input aria-label="Message" value={text} onChange={(event) => setText(event.target.value)} />
      <button disabled={isPending || status !== 'connected'}>Send</button>
      {error && <p role="alert">{error.message}</p>}
    </form>
  )
}

export function App({ url }: { url: string }) {
  return (
    <VolleyProvider url={url}>
      <Chat />
    </VolleyProvider>
  )
}
