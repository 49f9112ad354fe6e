export { defineContract } from './defineContract'
export type { CheckReserved } from './defineContract'
export { VOLLEY_ERROR_CODES, VolleyError } from './VolleyError'
export { PROTOCOL_PREFIX, RESERVED_EVENT_NAMES } from './reserved'
export type { ProtocolPrefix } from './reserved'
export type { VolleyErrorCode, VolleyErrorOptions } from './VolleyError'
export { validate, isSchema } from './validate'
export type { ValidateResult } from './validate'
export { DEFAULT_MAX_PAYLOAD_DEPTH } from './depth'
export type { VolleyLogger } from './logger'
export type {
  AckEnvelope,
  ClientEventName,
  ClientRequestName,
  ContractDefinition,
  EmptyContract,
  EventDefinition,
  EventMap,
  InferAck,
  InferAckInput,
  InferAuth,
  InferAuthInput,
  InferClientAck,
  InferClientAckInput,
  InferClientHandlerResult,
  InferClientPayload,
  InferHandlerResult,
  InferClientPayloadInput,
  InferPayload,
  InferPayloadInput,
  InferPresenceMeta,
  InferPresenceMetaInput,
  InferPresenceParams,
  InferPresenceParamsInput,
  InferServerAck,
  InferServerAckInput,
  InferServerHandlerResult,
  InferServerPayload,
  InferServerPayloadInput,
  InferSubscriptionItem,
  InferSubscriptionItemInput,
  InferSubscriptionParams,
  InferSubscriptionParamsInput,
  InferSubscriptionSnapshot,
  InferSubscriptionSnapshotInput,
  PayloadArgs,
  PresenceConnection,
  PresenceDefinition,
  PresenceDefinitionOf,
  PresenceMap,
  PresenceMember,
  PresenceName,
  ReservedEventName,
  Schema,
  ServerEventName,
  ServerRequestName,
  SubscriptionDefinition,
  SubscriptionDefinitionOf,
  SubscriptionMap,
  SubscriptionName,
  Unsubscribe,
  VolleyIssue,
  WireError,
} from './types'
