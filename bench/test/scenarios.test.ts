import { describe, expect, it } from 'vitest'
import { runBroadcast } from '../src/broadcast'
import { readConfig } from '../src/config'
import { runReplay } from '../src/replay'
import { runRequestAck } from '../src/requestAck'
import type { RunResult } from '../src/result'
import { formatTable } from '../src/table'

// Smoke test only: each scenario runs with tiny sizes and must deliver everything without errors.
// Speed is never asserted here; `pnpm bench` reports it.

function expectHealthy(result: RunResult): void {
  expect(result.errors).toBe(0)
  expect(result.operations).toBe(result.expected)
  expect(result.throughput).toBeGreaterThan(0)
  expect(result.p50).toBeGreaterThan(0)
  expect(result.p99).toBeGreaterThanOrEqual(result.p50)
  expect(result.cpuPerOp).toBeGreaterThan(0)
}

describe('request/ack scenario', () => {
  it.each(['raw', 'volley'] as const)('answers every request on %s', async (target) => {
    const result = await runRequestAck(target, { clients: 3, requestsPerClient: 10 })
    expectHealthy(result)
    expect(result.expected).toBe(30)
    expect(result.serverValidationsPerMessage).toBe(target === 'volley' ? 1 : 0)
    // The Volley client checks the payload it sends and the ack it gets back.
    expect(result.clientValidationsPerOperation).toBe(target === 'volley' ? 2 : 0)
  })
})

describe('broadcast scenario', () => {
  it.each(['raw', 'volley'] as const)('reaches every client of the room on %s', async (target) => {
    const result = await runBroadcast(target, { clients: 12, messages: 5 })
    expectHealthy(result)
    expect(result.expected).toBe(60)
    // Validation runs once per inbound trigger on the server, never once per recipient.
    expect(result.serverValidationsPerMessage).toBe(target === 'volley' ? 1 : 0)
    expect(result.clientValidationsPerOperation).toBe(target === 'volley' ? 1 : 0)
  })

  it('skips client-side checks when Volley clients use validateIncoming "never"', async () => {
    const result = await runBroadcast('volley', { clients: 5, messages: 3, clientValidation: 'never' })
    expectHealthy(result)
    expect(result.serverValidationsPerMessage).toBe(1)
    expect(result.clientValidationsPerOperation).toBe(0)
  })
})

describe('subscription scenario', () => {
  it('publishes to every subscribed client, and replays missed items to one that reconnects', async () => {
    const result = await runBroadcast('volley', { clients: 8, messages: 5, delivery: 'publish' })
    expectHealthy(result)
    expect(result.expected).toBe(40)
    expect(result.clientValidationsPerOperation).toBe(1)
    const replay = await runReplay({ items: 300 })
    expect(replay).toMatchObject({ items: 300, errors: 0 })
    expect(replay.durationMs).toBeGreaterThan(0)
  })
})

describe('report', () => {
  it('reads sizes from flags and environment variables', () => {
    const config = readConfig(['--rounds=3'], {
      BENCH_ROUNDS: '9',
      BENCH_CLIENTS: '800',
      BENCH_CLIENT_VALIDATION: 'both',
    })
    expect(config).toMatchObject({ rounds: 3, clients: 800, clientValidation: ['always', 'never'] })
    expect(() => readConfig([], { BENCH_ROUNDS: '0' })).toThrow(/positive integer/)
  })

  it('prints per-round ratios, the median ratio and the target', async () => {
    const raw = await runRequestAck('raw', { clients: 2, requestsPerClient: 5 })
    const volley = await runRequestAck('volley', { clients: 2, requestsPerClient: 5 })
    const table = formatTable([
      {
        scenario: 'request/ack',
        label: '',
        unit: 'req/s',
        pairs: [
          { raw, volley },
          { raw, volley },
        ],
      },
    ])
    expect(table).toMatch(/volley\/raw per round/)
    expect(table).toMatch(/>= 0\.90 (met|MISSED)/)
    expect(table).toMatch(/<= 1\.15 (met|MISSED)/)
    expect(table).toMatch(/CPU per op/)
    // header, rule, then throughput, p50, p99 and CPU per op
    expect(table.split('\n')).toHaveLength(6)
  })
})
