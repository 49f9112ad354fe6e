// The quick start's chat contract in each validator a user may pick. `lib` is the validator's module,
// loaded by the caller with import() or require(), so each format uses the validator's own build.
'use strict'

/** @param {'zod4' | 'zod3' | 'valibot'} kind @param {any} lib */
module.exports = function chatEvents(kind, lib) {
  if (kind === 'valibot') {
    const v = lib
    return {
      clientToServer: {
        'message:send': {
          payload: v.object({ room: v.string(), text: v.pipe(v.string(), v.minLength(1)) }),
          ack: v.object({ id: v.string(), at: v.number() }),
        },
        typing: { payload: v.object({ room: v.string() }) },
      },
      serverToClient: {
        'message:new': {
          payload: v.object({ id: v.string(), room: v.string(), text: v.string(), at: v.number() }),
        },
      },
    }
  }
  const { z } = lib
  return {
    clientToServer: {
      'message:send': {
        payload: z.object({ room: z.string(), text: z.string().min(1) }),
        ack: z.object({ id: z.string(), at: z.number() }),
      },
      typing: { payload: z.object({ room: z.string() }) },
    },
    serverToClient: {
      'message:new': {
        payload: z.object({ id: z.string(), room: z.string(), text: z.string(), at: z.number() }),
      },
    },
  }
}
