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
