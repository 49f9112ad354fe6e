import { readFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { StrictMode } from 'react'
import { describe, expect, it } from 'vitest'
import { App } from './quickstart/App'
import { io } from './quickstart/server'
import { onCleanup } from './helpers'

const read = (file: string): string => readFileSync(new URL(file, import.meta.url), 'utf8').trim()

describe('README quick start', () => {
  it('shows the same code as the files this test renders', () => {
    const readme = read('../README.md')
    for (const file of ['contract.ts', 'volley.ts', 'App.tsx', 'server.ts']) {
      expect(readme, `README.md shows quickstart/${file}`).toContain(read(`./quickstart/${file}`))
    }
  })

  it('connects, sends a message and shows the broadcast', async () => {
    const http = createHttpServer()
    io.attach(http)
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    onCleanup(() => io.close())
    const { port } = http.address() as AddressInfo
    let connections = 0
    io.raw.on('connection', () => void (connections += 1))

    // As main.tsx renders it.
    render(
      <StrictMode>
        <App url={`http://127.0.0.1:${port}`} />
      </StrictMode>,
    )
    await screen.findByText('Status: connected')
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'hello from React' } })
    fireEvent.click(screen.getByText('Send'))
    await screen.findByText('hello from React')
    await waitFor(() => expect((screen.getByText('Send') as HTMLButtonElement).disabled).toBe(false))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(connections).toBe(1)
  })
})
