import type { ContractDefinition, ReservedEventName } from './types'
import { isSchema } from './validate'

const RESERVED: ReadonlySet<string> = new Set<ReservedEventName>([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
  'error',
])

type ReservedIn<TDef extends ContractDefinition> =
  | Extract<keyof TDef['clientToServer'], ReservedEventName>
  | Extract<keyof TDef['serverToClient'], ReservedEventName>

/** Turns a reserved event name into a compile error that names it (the type `defineContract` checks with). */
export type CheckReserved<TDef extends ContractDefinition> = [ReservedIn<TDef>] extends [never]
  ? unknown
  : { '[volley] these event names are reserved by Socket.IO; rename them': ReservedIn<TDef> }

function fail(message: string): never {
  throw new TypeError(`[volley] defineContract: ${message}`)
}

function checkEvents(direction: 'clientToServer' | 'serverToClient', events: unknown): void {
  if (typeof events !== 'object' || events === null || Array.isArray(events)) {
    fail(`\`${direction}\` must be an object mapping event names to { payload, ack? }.`)
  }
  for (const [name, definition] of Object.entries(events)) {
    if (RESERVED.has(name)) {
      fail(
        `"${name}" in \`${direction}\` is reserved by Socket.IO (${[...RESERVED].join(', ')}). Rename the event, e.g. "${name}:app".`,
      )
    }
    if (typeof definition !== 'object' || definition === null) {
      fail(`\`${direction}.${name}\` must be { payload: schema, ack?: schema }.`)
    }
    const { payload, ack } = definition as { payload?: unknown; ack?: unknown }
    if (!isSchema(payload)) {
      fail(
        `\`${direction}.${name}.payload\` is not a Standard Schema validator (zod, valibot, arktype…). Use e.g. z.object({...}); for no payload use z.undefined().`,
      )
    }
    if (ack !== undefined && !isSchema(ack)) {
      fail(
        `\`${direction}.${name}.ack\` is not a Standard Schema validator; remove it for a fire-and-forget event.`,
      )
    }
  }
}

/**
 * Defines the events a server and its clients exchange, once, with any Standard Schema validator.
 * The contract is plain data plus types: cheap to import in a browser bundle.
 *
 * @example
 * export const chat = defineContract({
 *   clientToServer: {
 *     'message:send': {
 *       payload: z.object({ room: z.string(), text: z.string().min(1).max(2000) }),
 *       ack: z.object({ id: z.string(), at: z.number() }),
 *     },
 *     typing: { payload: z.object({ room: z.string() }) },
 *   },
 *   serverToClient: {
 *     'message:new': { payload: z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() }) },
 *   },
 * })
 *
 * @param definition - `clientToServer` and `serverToClient` event maps (`{ payload, ack? }` each) and an optional `auth` schema
 * @returns the same definition, frozen, with its types kept for inference
 * @throws TypeError when an event uses a name Socket.IO reserves or a schema is not a Standard Schema
 */
export function defineContract<const TDef extends ContractDefinition>(
  definition: TDef & CheckReserved<TDef>,
): TDef {
  if (typeof definition !== 'object' || definition === null)
    fail('expected { clientToServer, serverToClient, auth? }.')
  checkEvents('clientToServer', definition.clientToServer)
  checkEvents('serverToClient', definition.serverToClient)
  if (definition.auth !== undefined && !isSchema(definition.auth)) {
    fail('`auth` is not a Standard Schema validator.')
  }
  return Object.freeze({ ...definition })
}

/** Checks at runtime that a value has a contract's shape. @internal */
export function assertContract(contract: unknown, caller: string): asserts contract is ContractDefinition {
  if (
    typeof contract !== 'object' ||
    contract === null ||
    typeof (contract as ContractDefinition).clientToServer !== 'object' ||
    typeof (contract as ContractDefinition).serverToClient !== 'object'
  ) {
    throw new TypeError(
      `[volley] ${caller} expects a contract from defineContract({ clientToServer, serverToClient }) as its first argument.`,
    )
  }
}
