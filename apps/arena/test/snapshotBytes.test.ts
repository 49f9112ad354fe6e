import { describe, expect, it } from 'vitest'
import { ENCODINGS, measureSnapshot, sampleSnapshot, type Encoding } from '../bots/snapshotBytes'

describe('snapshot bytes on the wire (real sockets)', () => {
  it('are fewest with the binary codec over the msgpack parser, the encoding the arena uses', async () => {
    const snapshot = sampleSnapshot(8)
    const sizes = new Map<Encoding, { bytes: number; frames: number }>()
    for (const encoding of Object.keys(ENCODINGS) as Encoding[])
      sizes.set(encoding, await measureSnapshot(encoding, snapshot))
    const chosen = sizes.get('binary codec (msgpack parser)')!
    expect(chosen.frames).toBe(1)
    for (const [encoding, size] of sizes)
      if (encoding !== 'binary codec (msgpack parser)') expect(size.bytes).toBeGreaterThan(chosen.bytes)
    // 7 header bytes + 14 per player + 4 per orb, plus the msgpack packet around them: about 200 bytes.
    expect(chosen.bytes).toBeLessThan(sizes.get('JSON object (default parser)')!.bytes / 4)
    expect(sizes.get('binary codec (default parser)')!.frames).toBe(2)
  })
})
