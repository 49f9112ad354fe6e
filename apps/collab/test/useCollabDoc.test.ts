import type { AddressInfo } from 'node:net'
import { createServer as createHttpServer } from 'node:http'
import { createServer } from '@volley/core/server'
import { mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { afterEach, expect, it } from 'vitest'
import { attachCollab } from '../server/collabServer'
import { collab } from '../src/contract'
import { useCollabDoc, type CollabDoc } from '../src/useCollabDoc'
import { plugin, useSocket } from '../src/volley'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startServer(): Promise<string> {
  const http = createHttpServer()
  const io = createServer(collab, { logger: false })
  io.attach(http)
  attachCollab(io)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => io.close())
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`
}

async function waitFor(predicate: () => boolean): Promise<void> {
  const start = Date.now()
  while (!predicate()) {
    if (Date.now() - start > 5_000) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

type Editor = { doc: CollabDoc; client: ReturnType<typeof useSocket>; wrapper: VueWrapper }

function open(url: string, name: string, docName = 'test'): Editor {
  const editor = {} as Editor
  const Probe = defineComponent({
    setup() {
      editor.doc = useCollabDoc(docName, { name, color: '#3e63dd' })
      editor.client = useSocket()
      return () => h('div')
    },
  })
  editor.wrapper = mount(Probe, {
    global: { plugins: [plugin({ url, transports: ['websocket'], logger: false })] },
  })
  cleanups.push(() => editor.wrapper.unmount())
  return editor
}

const insert = (editor: Editor, index: number, text: string): void => editor.doc.ytext.insert(index, text)

it('converges, merges offline edits on reconnect, and gives a late joiner the whole document', async () => {
  const url = await startServer()
  const ana = open(url, 'Ana')
  const ben = open(url, 'Ben')
  await waitFor(() => ana.doc.synced.value && ben.doc.synced.value)
  await waitFor(() => ana.doc.peers.value.length === 2 && ben.doc.peers.value.length === 2)

  insert(ana, 0, 'Hello')
  insert(ben, 0, 'World')
  await waitFor(() => ana.doc.text.value.length === 10 && ana.doc.text.value === ben.doc.text.value)

  ben.client.disconnect()
  await waitFor(() => !ben.doc.synced.value && ana.doc.peers.value.length === 1)
  insert(ben, 0, '[ben offline]')
  insert(ana, ana.doc.ytext.length, '[ana meanwhile]')
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(ana.doc.text.value).not.toContain('[ben offline]')
  ben.client.connect()
  await waitFor(
    () => ana.doc.text.value.includes('[ben offline]') && ben.doc.text.value.includes('[ana meanwhile]'),
  )
  expect(ben.doc.text.value).toBe(ana.doc.text.value)

  const cleo = open(url, 'Cleo')
  await waitFor(() => cleo.doc.synced.value)
  expect(cleo.doc.text.value).toBe(ana.doc.text.value)
  await waitFor(
    () =>
      cleo.doc.peers.value
        .map((p) => p.name)
        .sort()
        .join() === 'Ana,Ben,Cleo',
  )
})

it('shares selections as relative positions that follow concurrent edits', async () => {
  const url = await startServer()
  const ana = open(url, 'Ana', 'sel')
  const ben = open(url, 'Ben', 'sel')
  await waitFor(() => ana.doc.synced.value && ben.doc.synced.value)
  insert(ana, 0, 'abcdef')
  await waitFor(() => ben.doc.text.value === 'abcdef')
  ben.doc.setSelection(2, 4)
  const { resolvePosition } = await import('../src/useCollabDoc')
  const benOnAna = () => ana.doc.peers.value.find((p) => p.name === 'Ben')
  await waitFor(() => resolvePosition(ana.doc.ydoc, benOnAna()?.head ?? null) === 4)
  insert(ana, 0, 'XYZ')
  expect(resolvePosition(ana.doc.ydoc, benOnAna()!.anchor)).toBe(5)
  expect(resolvePosition(ana.doc.ydoc, benOnAna()!.head)).toBe(7)
})
