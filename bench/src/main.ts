import { cpus } from 'node:os'
import { runBroadcast } from './broadcast'
import { readConfig, type BenchConfig } from './config'
import { formatSubscription, runSubscriptionRound, type SubscriptionRound } from './subscriptionScenario'
import { runRequestAck } from './requestAck'
import type { RunResult } from './result'
import { sleep } from './stats'
import { formatTable, type PairedRuns } from './table'
import type { TargetName } from './targets'

type Scenario = RunResult['scenario']
type Validation = BenchConfig['clientValidation'][number]

const units: Record<Scenario, string> = { 'request/ack': 'req/s', broadcast: 'msg/s' }

function run(
  config: BenchConfig,
  scenario: Scenario,
  target: TargetName,
  clientValidation: Validation,
): Promise<RunResult> {
  return scenario === 'request/ack'
    ? runRequestAck(target, {
        clients: config.requestClients,
        requestsPerClient: config.requestsPerClient,
        clientValidation,
      })
    : runBroadcast(target, { clients: config.clients, messages: config.messages, clientValidation })
}

function describe(result: RunResult): string {
  const rate = `${Math.round(result.throughput).toLocaleString('en-US')} ${units[result.scenario]}`
  const health = result.errors === 0 ? '' : `  ${result.errors} ERRORS`
  const latency = `p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  CPU ${result.cpuPerOp.toFixed(1)} µs/op`
  return `${result.scenario.padEnd(11)} ${result.target.padEnd(6)} ${rate.padStart(14)}  ${latency}${health}`
}

function label(validation: Validation): string {
  return `(client validateIncoming '${validation}')`
}

/** Where @volley/core was loaded from: source through tsx, or the tsup build users get. */
function coreBuild(): string {
  try {
    const url = import.meta.resolve('@volley/core/server')
    if (url.includes('/src/'))
      return 'packages/core/src through tsx (esbuild keepNames: a __name() call per closure; `pnpm bench` measures the build)'
    return 'packages/core/dist (the tsup build, as published)'
  } catch {
    return 'unknown'
  }
}

async function main(): Promise<number> {
  const config = readConfig(process.argv.slice(2), process.env)
  console.log(
    `Volley vs raw socket.io — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${config.rounds} rounds\n` +
      `core: ${coreBuild()}\n` +
      `request/ack: ${config.requestClients} clients x ${config.requestsPerClient} sequential requests; ` +
      `broadcast: ${config.clients} clients x ${config.messages} messages; websocket on 127.0.0.1; scenarios: ${config.scenarios.join(', ')}\n`,
  )
  const scenarios = config.scenarios.filter((scenario): scenario is Scenario => scenario !== 'subscription')
  const subscriptionRounds: SubscriptionRound[] = []
  let failed = false
  const check = (result: RunResult): RunResult => {
    if (result.errors > 0 || result.operations !== result.expected) failed = true
    return result
  }

  console.log('warm-up (not counted)…')
  const warm = { ...config, clients: 50, messages: 20, requestClients: 5, requestsPerClient: 50 }
  for (const scenario of scenarios) {
    check(await run(warm, scenario, 'raw', 'always'))
    for (const validation of config.clientValidation) check(await run(warm, scenario, 'volley', validation))
  }

  const groups = new Map<string, PairedRuns & { pairs: { raw: RunResult; volley: RunResult }[] }>()
  for (const scenario of scenarios) {
    for (const validation of config.clientValidation) {
      groups.set(`${scenario} ${validation}`, {
        scenario,
        label: label(validation),
        unit: units[scenario],
        pairs: [],
      })
    }
  }
  for (let round = 1; round <= config.rounds; round += 1) {
    for (const scenario of scenarios) {
      const raw = check(await run(config, scenario, 'raw', 'always'))
      console.log(`round ${round}/${config.rounds}  ${describe(raw)}`)
      await sleep(100)
      for (const validation of config.clientValidation) {
        const volley = check(await run(config, scenario, 'volley', validation))
        console.log(`round ${round}/${config.rounds}  ${describe(volley)}  ${label(validation)}`)
        groups.get(`${scenario} ${validation}`)!.pairs.push({ raw, volley })
        await sleep(100)
      }
    }
    if (config.scenarios.includes('subscription')) {
      const round = await runSubscriptionRound(config)
      if (round.errors > 0) failed = true
      subscriptionRounds.push(round)
      console.log(
        `round ${subscriptionRounds.length}/${config.rounds}  subscription  emit ${Math.round(round.emit.throughput)} msg/s  publish ${Math.round(round.publish.throughput)} msg/s  replay ${round.replayMs.toFixed(0)} ms${round.errors > 0 ? `  ${round.errors} ERRORS` : ''}`,
      )
    }
  }

  if (scenarios.length > 0) console.log(`\n${formatTable([...groups.values()])}\n`)
  if (subscriptionRounds.length > 0) console.log(`${formatSubscription(subscriptionRounds, config)}\n`)
  const volleyRuns = [...groups.values()].flatMap((group) => group.pairs.map((pair) => pair.volley))
  if (volleyRuns.length === 0) return failed ? 1 : 0
  const distinct = (scenario: Scenario, pick: (run: RunResult) => number, runs = volleyRuns): string =>
    [...new Set(runs.filter((run) => run.scenario === scenario).map(pick))].join(', ')
  console.log(
    `validations per request: ${distinct('request/ack', (run) => run.serverValidationsPerMessage)} (server)`,
  )
  if (scenarios.includes('broadcast')) {
    console.log(
      `validations per broadcast: ${distinct('broadcast', (run) => run.serverValidationsPerMessage)} (server, ${config.clients} recipients each)`,
    )
  }
  for (const group of groups.values()) {
    if (group.scenario !== 'broadcast') continue
    const runs = group.pairs.map((pair) => pair.volley)
    console.log(
      `client validations per delivery ${group.label}: ${distinct('broadcast', (run) => run.clientValidationsPerOperation, runs)}`,
    )
  }
  console.log(
    '\nTargets: Volley throughput >= 0.90 x raw, Volley p99 <= 1.15 x raw. The bench reports; it never fails on speed.',
  )
  if (failed) console.error('\nSome runs had errors or missing deliveries (see above).')
  return failed ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
