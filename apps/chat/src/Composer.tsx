import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { MAX_MESSAGE_LENGTH } from '../shared/contract'

interface ComposerProps {
  room: string
  /** Sends; resolves to the refusal message when the text was invalid. */
  onSend: (text: string) => Promise<string | undefined>
  onTyping: (typing: boolean) => void
}

/** The message box: Enter sends, Shift+Enter adds a line; shows the contract's validation error when refused. */
export function Composer({ room, onSend, onTyping }: ComposerProps) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const typing = useRef(false)
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined)

  const stopTyping = () => {
    clearTimeout(idle.current)
    if (typing.current) onTyping(false)
    typing.current = false
  }
  useEffect(() => () => stopTyping(), [])

  // Grow with the text, up to about eight lines.
  const box = useRef<HTMLTextAreaElement>(null)
  useLayoutEffect(() => {
    const element = box.current
    if (element === null) return
    element.style.height = 'auto'
    element.style.height = `${Math.min(element.scrollHeight, 180)}px`
  }, [text])

  const change = (value: string) => {
    setText(value)
    setError(null)
    if (value.trim() === '') return stopTyping()
    if (!typing.current) {
      typing.current = true
      onTyping(true)
    }
    clearTimeout(idle.current)
    idle.current = setTimeout(stopTyping, 2_500)
  }

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    const sending = text
    stopTyping()
    setText('')
    const refused = await onSend(sending)
    if (refused !== undefined) {
      setText(sending)
      setError(refused)
    }
  }

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) void submit(event)
  }

  const length = text.trim().length
  const over = length > MAX_MESSAGE_LENGTH
  return (
    <form className={`composer${error ? ' has-error' : ''}`} onSubmit={submit}>
      <div className="composer-box">
        <textarea
          aria-label={`Message #${room}`}
          placeholder={`Message #${room}`}
          ref={box}
          rows={1}
          value={text}
          aria-invalid={error !== null}
          aria-describedby="composer-error"
          onChange={(event) => change(event.target.value)}
          onKeyDown={keyDown}
        />
        <button type="submit" className="primary send">
          Send
        </button>
      </div>
      <div className="composer-meta">
        <span id="composer-error" className="form-error" role="alert" data-testid="composer-error">
          {error}
        </span>
        <span className={`counter${over ? ' over' : ''}`}>
          {length > MAX_MESSAGE_LENGTH * 0.9 &&
            `${length.toLocaleString('en-US')} / ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')}`}
        </span>
      </div>
    </form>
  )
}
