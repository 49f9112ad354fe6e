import { isProtocolName, PROTOCOL_PREFIX, RESERVED_EVENT_NAMES, type ReservedEventName } from './reserved'
import type { ContractDefinition } from './types'
import { isSchema } from './validate'

const RESERVED: ReadonlySet<string> = new Set(RESERVED_EVENT_NAMES)

type ProtocolName = `${typeof PROTOCOL_PREFIX}${string}`

type Keys<TDef extends ContractDefinition> =
  | keyof TDef['clientToServer']
  | keyof TDef['serverToClient']
  | (TDef extends { readonly subscriptions: infer TSubscriptions } ? keyof TSubscriptions : never)
  | (TDef extends { readonly presence: infer TPresence } ? keyof TPresence : never)

type ReservedIn<TDef extends ContractDefinition> =
  | Extract<keyof TDef['clientToServer'] | keyof TDef['serverToClient'], ReservedEventName>
  | Extract<Keys<TDef>, ProtocolName>

/**
 * Turns a reserved name (one Socket.IO reserves, or one starting with Volley's `$volley:` protocol prefix)
 * into a compile error that names it (the type `defineContract` checks with).
 */
export type CheckReserved<TDef extends ContractDefinition> = [ReservedIn<TDef>] extends [never]
  ? unknown
  : {
      '[volley] these names are reserved by Socket.IO or by Volley ($volley:…); rename them': ReservedIn<TDef>
    }

function fail(message: string): never {
  throw new TypeError(`[volley] defineContract: ${message}`)
}

function checkName(where: string, name: string, events: boolean): void {
  if (events && RESERVED.has(name)) {
    fail(
      `"${name}" in \`${where}\` is reserved by Socket.IO (${RESERVED_EVENT_NAMES.join(', ')}). Rename the event, e.g. "${name}:app".`,
    )
  }
  if (isProtocolName(name)) {
    fail(
      `"${name}" in \`${where}\` starts with "${PROTOCOL_PREFIX}", which Volley reserves for its own protocol events. Rename it.`,
    )
  }
}

function checkMap(where: string, map: unknown, shape: string): [string, object][] {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    fail(`\`${where}\` must be an object mapping names to ${shape}.`)
  }
  return Object.entries(map).map(([name, definition]) => {
    if (typeof definition !== 'object' || definition === null) fail(`\`${where}.${name}\` must be ${shape}.`)
    return [name, definition as object]
  })
}

function checkEvents(direction: 'clientToServer' | 'serverToClient', events: unknown): void {
  for (const [name, definition] of checkMap(direction, events, '{ payload, ack? }')) {
    checkName(direction, name, true)
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

function checkSubscriptions(subscriptions: unknown): void {
  for (const [name, definition] of checkMap('subscriptions', subscriptions, '{ params, item, snapshot? }')) {
    checkName('subscriptions', name, false)
    const { params, item, snapshot } = definition as { params?: unknown; item?: unknown; snapshot?: unknown }
    for (const [key, schema] of [
      ['params', params],
      ['item', item],
    ] as const) {
      if (!isSchema(schema)) {
        fail(
          `\`subscriptions.${name}.${key}\` is not a Standard Schema validator (zod, valibot, arktype…). Use e.g. z.object({ room: z.string() }).`,
        )
      }
    }
    if (snapshot !== undefined && !isSchema(snapshot)) {
      fail(
        `\`subscriptions.${name}.snapshot\` is not a Standard Schema validator; remove it to replay items instead.`,
      )
    }
  }
}

function checkPresence(presence: unknown): void {
  for (const [name, definition] of checkMap('presence', presence, '{ params, meta }')) {
    checkName('presence', name, false)
    const { params, meta } = definition as { params?: unknown; meta?: unknown }
    for (const [key, schema, example] of [
      ['params', params, 'z.object({ room: z.string() })'],
      ['meta', meta, 'z.object({ name: z.string() })'],
    ] as const) {
      if (!isSchema(schema)) {
        fail(
          `\`presence.${name}.${key}\` is not a Standard Schema validator (zod, valibot, arktype…). Use e.g. ${example}.`,
        )
      }
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
 *   subscriptions: {
 *     'room:messages': { params: z.object({ room: z.string() }), item: z.object({ id: z.string(), text: z.string() }) },
 *   },
 *   presence: {
 *     room: { params: z.object({ room: z.string() }), meta: z.object({ name: z.string(), status: z.enum(['online', 'away']) }) },
 *   },
 * })
 *
 * @param definition - `clientToServer` and `serverToClient` event maps (`{ payload, ack? }` each), an
 *   optional `auth` schema, optional `subscriptions` (`{ params, item, snapshot? }` each) and optional
 *   `presence` (`{ params, meta }` per kind of topic)
 * @returns the same definition, frozen, with its types kept for inference
 * @throws TypeError when a name is reserved (by Socket.IO, or the `$volley:` prefix) or a schema is not a Standard Schema
 */
export function defineContract<const TDef extends ContractDefinition>(
  definition: TDef & CheckReserved<TDef>,
): TDef {
  if (typeof definition !== 'object' || definition === null)
    fail('expected { clientToServer, serverToClient, auth?, subscriptions?, presence? }.')
  checkEvents('clientToServer', definition.clientToServer)
  checkEvents('serverToClient', definition.serverToClient)
  if (definition.auth !== undefined && !isSchema(definition.auth)) {
    fail('`auth` is not a Standard Schema validator.')
  }
  if (definition.subscriptions !== undefined) checkSubscriptions(definition.subscriptions)
  if (definition.presence !== undefined) checkPresence(definition.presence)
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
