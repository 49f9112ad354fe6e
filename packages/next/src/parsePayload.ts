import {
  validate,
  VolleyError,
  type ClientEventName,
  type ContractDefinition,
  type InferClientPayload,
} from '@volley/core'

/**
 * Validates a value with the payload schema of a `clientToServer` event, as the socket server does before
 * a handler runs, for input that arrives another way (a Route Handler body, a Server Action argument). A
 * failure is the same `VolleyError` a socket client gets: `VALIDATION_FAILED` with the same `issues`.
 *
 * @example
 * 'use server'
 * export async function acknowledge(input: unknown) {
 *   const { id } = await parsePayload(dashboard, 'alert:ack', input)
 * }
 * @param contract - the contract that declares the event
 * @param event - a `clientToServer` event of the contract
 * @param value - untrusted input
 * @returns the validated payload (the schema's output type)
 * @throws VolleyError `VALIDATION_FAILED` with `issues` when the schema refuses the value
 */
export async function parsePayload<
  TContract extends ContractDefinition,
  TEvent extends ClientEventName<TContract>,
>(contract: TContract, event: TEvent, value: unknown): Promise<InferClientPayload<TContract, TEvent>> {
  const definition = Object.prototype.hasOwnProperty.call(contract.clientToServer, event)
    ? contract.clientToServer[event]
    : undefined
  if (definition === undefined) {
    throw new TypeError(`[volley] parsePayload: "${event}" is not a clientToServer event of this contract.`)
  }
  const result = await validate(definition.payload, value)
  if (result.ok) return result.value as InferClientPayload<TContract, TEvent>
  const first = result.issues[0]
  const where = first?.path && first.path.length > 0 ? ` at ${first.path.join('.')}` : ''
  throw new VolleyError(
    'VALIDATION_FAILED',
    `Invalid payload for "${event}"${where}: ${first?.message ?? 'invalid'}`,
    {
      issues: result.issues,
    },
  )
}
