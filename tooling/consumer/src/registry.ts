import type { Manifest } from './workspace'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A version as the registry received it: its manifest and its tarball. */
export interface PublishedVersion {
  readonly manifest: Manifest
  readonly tarball: Buffer
}

/**
 * An npm registry in memory on a free local port, just enough for `npm info` and `pnpm publish`: it
 * answers 404 for what it does not have (nothing is asked of the public registry) and keeps what is
 * published, so a test can check exactly what a release would upload.
 */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  /** What was published, by package name and version. */
  readonly published: ReadonlyMap<string, ReadonlyMap<string, PublishedVersion>>
  /** Stops the server. */
  close(): Promise<void>
}

interface PublishBody {
  readonly name: string
  readonly versions: Record<string, PublishedVersion['manifest']>
  readonly 'dist-tags'?: Record<string, string>
  readonly _attachments: Record<string, { readonly data: string }>
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Starts the registry on 127.0.0.1 and a port the OS picks.
 *
 * @example
 * const registry = await startRegistry()
 * // .npmrc: registry=${registry.url}
 * @returns the registry, with what was published and `close`
 */
export async function startRegistry(): Promise<LocalRegistry> {
  const published = new Map<string, Map<string, PublishedVersion>>()
  const tags = new Map<string, Record<string, string>>()
  const server = createServer((request, response) => {
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://registry').pathname.slice(1))
    if (request.method === 'PUT') {
      void readBody(request).then((text) => {
        const body = JSON.parse(text) as PublishBody
        const versions = published.get(body.name) ?? new Map<string, PublishedVersion>()
        const [attachment] = Object.values(body._attachments)
        for (const [version, manifest] of Object.entries(body.versions)) {
          if (versions.has(version))
            return send(409, { error: `${body.name}@${version} is already published` })
          versions.set(version, { manifest, tarball: Buffer.from(attachment?.data ?? '', 'base64') })
        }
        published.set(body.name, versions)
        tags.set(body.name, { ...tags.get(body.name), ...body['dist-tags'] })
        send(201, { ok: true })
      })
      return
    }
    const versions = published.get(name)
    if (versions === undefined) return send(404, { error: 'not_found' })
    send(200, {
      name,
      'dist-tags': tags.get(name),
      versions: Object.fromEntries([...versions].map(([version, { manifest }]) => [version, manifest])),
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    published,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
