/** Sizes and rounds of a bench run. */
export interface BenchConfig {
  /** Paired rounds (raw then Volley, per scenario). */
  readonly rounds: number
  /** Clients in the broadcast room. */
  readonly clients: number
  /** Broadcasts per run. */
  readonly messages: number
  /** Concurrent clients in request/ack. */
  readonly requestClients: number
  /** Sequential requests per client in request/ack. */
  readonly requestsPerClient: number
  /** Volley client `validateIncoming` settings to measure, each paired with raw. */
  readonly clientValidation: readonly ('always' | 'never')[]
  /** Which scenarios run (`--scenarios=subscription`, `BENCH_SCENARIOS=request/ack,broadcast`). */
  readonly scenarios: readonly Scenario[]
  /** Missed items the replay measurement gives back to one client. */
  readonly replayItems: number
}

/** The scenarios a run can include. */
export const SCENARIOS = ['request/ack', 'broadcast', 'subscription'] as const
export type Scenario = (typeof SCENARIOS)[number]

const defaults: BenchConfig = {
  rounds: 5,
  clients: 500,
  messages: 100,
  requestClients: 20,
  requestsPerClient: 500,
  clientValidation: ['always', 'never'],
  scenarios: SCENARIOS,
  replayItems: 10_000,
}

const keys = {
  rounds: 'BENCH_ROUNDS',
  clients: 'BENCH_CLIENTS',
  messages: 'BENCH_MESSAGES',
  requestClients: 'BENCH_REQUEST_CLIENTS',
  requestsPerClient: 'BENCH_REQUESTS',
  replayItems: 'BENCH_REPLAY_ITEMS',
} as const

function positive(name: string, text: string): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${text}"`)
  return value
}

/**
 * Reads the config from flags (`--rounds=10`) and environment variables (`BENCH_ROUNDS=10`); flags win.
 * By default Volley clients are measured with `validateIncoming` `'always'` and `'never'`;
 * `--client-validation=always` (or `BENCH_CLIENT_VALIDATION=always`) measures one setting only.
 *
 * @example
 * const config = readConfig(process.argv.slice(2), process.env)
 * @param argv - command-line arguments
 * @param env - environment variables
 * @returns the config, defaults filled in
 */
export function readConfig(argv: readonly string[], env: Record<string, string | undefined>): BenchConfig {
  const flags = new Map<string, string>()
  for (const arg of argv) {
    if (arg === '--') continue
    const match = /^--([a-z-]+)=(.+)$/.exec(arg)
    if (!match) throw new Error(`unknown argument "${arg}" (expected --name=value)`)
    flags.set(match[1]!, match[2]!)
  }
  const config: Record<string, unknown> = { ...defaults }
  for (const [field, envName] of Object.entries(keys)) {
    const flag = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
    const text = flags.get(flag) ?? env[envName]
    if (text !== undefined) config[field] = positive(envName, text)
  }
  const validation = flags.get('client-validation') ?? env.BENCH_CLIENT_VALIDATION
  if (validation !== undefined) {
    if (validation === 'both') config.clientValidation = ['always', 'never']
    else if (validation === 'always' || validation === 'never') config.clientValidation = [validation]
    else throw new Error(`BENCH_CLIENT_VALIDATION must be always, never or both, got "${validation}"`)
  }
  const scenarios = flags.get('scenarios') ?? env.BENCH_SCENARIOS
  if (scenarios !== undefined) {
    const names = scenarios.split(',').map((name) => name.trim())
    const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name))
    if (unknown.length > 0)
      throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (use ${SCENARIOS.join(', ')})`)
    config.scenarios = names
  }
  return config as unknown as BenchConfig
}
