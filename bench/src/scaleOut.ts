// Scale-out bench: one Volley process vs two worker processes over Redis (the streams adapter), side by
// side in paired rounds. Broadcast: receivers split over the workers, a sender on the first triggers
// broadcasts one after the other (deliveries/s). Request/ack: clients split over the workers, each sending
// sequential requests (req/s). Prints ratios and the machine's load.
import { spawn, type ChildProcess } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { createClient, type VolleyClient } from '@volley/core/client'
import { startRedisServer } from '@volley/redis-server'
import { scaleOutContract } from './scaleOutWorker'

type Client = VolleyClient<typeof scaleOutContract>

const ROUNDS = Number(process.env.SCALE_OUT_ROUNDS ?? 3)
const RECEIVERS = Number(process.env.SCALE_OUT_RECEIVERS ?? 200)
const BROADCASTS = Number(process.env.SCALE_OUT_BROADCASTS ?? 200)
const REQUESTERS = Number(process.env.SCALE_OUT_REQUESTERS ?? 20)
const REQUESTS = Number(process.env.SCALE_OUT_REQUESTS ?? 300)

function startWorker(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL('./scaleOutWorker.ts', import.meta.url))],
    {
      env: { ...process.env, SCALE_OUT_WORKER: '1', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited (${code})`)))
    let out = ''
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString()
      const match = /READY (\d+)/.exec(out)
      if (match !== null) resolve({ url: `http://127.0.0.1:${match[1]}`, child })
    })
  })
}

async function connect(url: string): Promise<Client> {
  const client = createClient(scaleOutContract, url, { transports: ['websocket'], logger: false })
  await new Promise<void>((resolve) => {
    const off = client.subscribe(() => {
      if (client.getSnapshot().status !== 'connected') return
      off()
      resolve()
    })
  })
  return client
}

async function broadcast(urls: readonly string[]): Promise<number> {
  const receivers = await Promise.all(
    Array.from({ length: RECEIVERS }, (_, i) => connect(urls[i % urls.length]!)),
  )
  await Promise.all(receivers.map((client) => client.request('join', {})))
  const sender = await connect(urls[0]!)
  const counts = new Array<number>(BROADCASTS).fill(0)
  const done = new Map<number, () => void>()
  for (const receiver of receivers) {
    receiver.on('tick', ({ seq }) => {
      counts[seq]! += 1
      if (counts[seq] === RECEIVERS) done.get(seq)?.()
    })
  }
  const start = performance.now()
  for (let seq = 0; seq < BROADCASTS; seq += 1) {
    const all = new Promise<void>((resolve) => done.set(seq, resolve))
    await sender.request('trigger', { seq })
    await all
  }
  const seconds = (performance.now() - start) / 1_000
  for (const client of [...receivers, sender]) client.disconnect()
  return (RECEIVERS * BROADCASTS) / seconds
}

async function requests(urls: readonly string[]): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: REQUESTERS }, (_, i) => connect(urls[i % urls.length]!)),
  )
  const start = performance.now()
  await Promise.all(
    clients.map(async (client) => {
      for (let n = 0; n < REQUESTS; n += 1) await client.request('echo', { n })
    }),
  )
  const seconds = (performance.now() - start) / 1_000
  for (const client of clients) client.disconnect()
  return (REQUESTERS * REQUESTS) / seconds
}

const redis = await startRedisServer()
const one = await startWorker({ REDIS_URL: '' })
const two = await Promise.all([1, 2].map(() => startWorker({ REDIS_URL: redis.url, PREFIX: 'bench' })))
const twoUrls = two.map((worker) => worker.url)
console.log(
  `\nScale-out over Redis — ${cpus().length} CPUs, load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} at start; ` +
    `broadcast: ${RECEIVERS} receivers x ${BROADCASTS} broadcasts; request/ack: ${REQUESTERS} clients x ${REQUESTS} requests; ${ROUNDS} paired rounds`,
)
const rows: string[] = []
const ratios = { broadcast: [] as number[], request: [] as number[] }
for (let round = 1; round <= ROUNDS; round += 1) {
  const single = await broadcast([one.url])
  const cluster = await broadcast(twoUrls)
  const singleReq = await requests([one.url])
  const clusterReq = await requests(twoUrls)
  ratios.broadcast.push(cluster / single)
  ratios.request.push(clusterReq / singleReq)
  rows.push(
    `round ${round}: broadcast 1 process ${Math.round(single).toLocaleString('en-US')} deliveries/s, 2 workers over Redis ${Math.round(cluster).toLocaleString('en-US')} (${(cluster / single).toFixed(2)}x); ` +
      `request/ack 1 process ${Math.round(singleReq).toLocaleString('en-US')} req/s, 2 workers ${Math.round(clusterReq).toLocaleString('en-US')} (${(clusterReq / singleReq).toFixed(2)}x)`,
  )
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
console.log(rows.join('\n'))
console.log(
  `median ratios, 2 workers over Redis / 1 process: broadcast deliveries ${median(ratios.broadcast).toFixed(2)}x (goal >= 0.8x), request/ack ${median(ratios.request).toFixed(2)}x; load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')} at the end`,
)
for (const worker of [one, ...two]) worker.child.kill('SIGTERM')
await redis.close()
