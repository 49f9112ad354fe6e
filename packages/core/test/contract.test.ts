import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineContract, validate } from '../src/index'

describe('defineContract', () => {
  it('returns the definition, frozen', () => {
    const contract = defineContract({ clientToServer: { a: { payload: z.string() } }, serverToClient: {} })
    expect(Object.isFrozen(contract)).toBe(true)
    expect(Object.keys(contract.clientToServer)).toEqual(['a'])
  })

  it.each([
    'connect',
    'connect_error',
    'disconnect',
    'disconnecting',
    'newListener',
    'removeListener',
    'error',
  ])('refuses the reserved name %s with a message that says what to do', (name) => {
    const build = () =>
      defineContract({ clientToServer: {}, serverToClient: { [name]: { payload: z.string() } } } as never)
    expect(build).toThrow(TypeError)
    expect(build).toThrow(
      new RegExp(
        `\\[volley\\] defineContract: "${name}" in \`serverToClient\` is reserved by Socket.IO.*Rename`,
      ),
    )
  })

  it('refuses names with the $volley: protocol prefix, for events and subscriptions', () => {
    const item = { params: z.object({}), item: z.string() }
    for (const build of [
      () =>
        defineContract({
          clientToServer: { '$volley:x': { payload: z.string() } },
          serverToClient: {},
        } as never),
      () =>
        defineContract({
          clientToServer: {},
          serverToClient: { '$volley:item': { payload: z.string() } },
        } as never),
      () =>
        defineContract({
          clientToServer: {},
          serverToClient: {},
          subscriptions: { '$volley:feed': item },
        } as never),
    ]) {
      expect(build).toThrow(/starts with "\$volley:", which Volley reserves for its own protocol events/)
    }
  })

  it('accepts subscriptions and refuses ones without params or item schemas', () => {
    const contract = defineContract({
      clientToServer: {},
      serverToClient: {},
      subscriptions: {
        'room:messages': { params: z.object({ room: z.string() }), item: z.object({ text: z.string() }) },
        doc: { params: z.object({ doc: z.string() }), item: z.string(), snapshot: z.string() },
      },
    })
    expect(Object.keys(contract.subscriptions)).toEqual(['room:messages', 'doc'])
    expect(() =>
      defineContract({
        clientToServer: {},
        serverToClient: {},
        subscriptions: { a: { item: z.string() } },
      } as never),
    ).toThrow(/`subscriptions\.a\.params` is not a Standard Schema validator/)
    expect(() =>
      defineContract({
        clientToServer: {},
        serverToClient: {},
        subscriptions: { a: { params: z.object({}), item: z.string(), snapshot: 1 } },
      } as never),
    ).toThrow(/`subscriptions\.a\.snapshot` is not a Standard Schema validator/)
    expect(() =>
      defineContract({ clientToServer: {}, serverToClient: {}, subscriptions: [] } as never),
    ).toThrow(/`subscriptions` must be an object/)
  })

  it('refuses a payload that is not a Standard Schema', () => {
    expect(() =>
      defineContract({ clientToServer: { a: { payload: { parse: () => 1 } } }, serverToClient: {} } as never),
    ).toThrow(/clientToServer\.a\.payload` is not a Standard Schema validator/)
  })

  it('refuses an ack that is not a Standard Schema', () => {
    expect(() =>
      defineContract({
        clientToServer: { a: { payload: z.string(), ack: 'yes' } },
        serverToClient: {},
      } as never),
    ).toThrow(/clientToServer\.a\.ack` is not a Standard Schema validator/)
  })

  it('refuses a missing direction', () => {
    expect(() => defineContract({ clientToServer: {} } as never)).toThrow(
      /`serverToClient` must be an object/,
    )
  })

  it('accepts zod, valibot and arktype schemas side by side', async () => {
    const contract = defineContract({
      clientToServer: {
        zod: { payload: z.object({ n: z.number() }) },
        valibot: { payload: v.object({ n: v.number() }) },
        arktype: { payload: type({ n: 'number' }) },
      },
      serverToClient: {},
    })
    for (const definition of Object.values(contract.clientToServer)) {
      expect(await validate(definition.payload, { n: 1 })).toEqual({ ok: true, value: { n: 1 } })
      const refused = await validate(definition.payload, { n: 'one' })
      expect(refused.ok).toBe(false)
      if (!refused.ok) expect(refused.issues[0]?.path).toEqual(['n'])
    }
  })
})
