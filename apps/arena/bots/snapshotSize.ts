// `pnpm --filter arena snapshot-size`: bytes per snapshot on the wire for each encoding, with 1 and 8
// players in the room, measured on real sockets (see snapshotBytes.ts). The arena uses the smallest.
import { TICK_RATE } from '../shared/rules'
import { ENCODINGS, measureSnapshot, sampleSnapshot, type Encoding } from './snapshotBytes'

const one = sampleSnapshot(1)
const eight = sampleSnapshot(8)
const lines = [
  '| encoding | frames | bytes, 1 player | bytes, 8 players | bytes per player | bytes/s per client, 8 players at 30 Hz |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
]
for (const encoding of Object.keys(ENCODINGS) as Encoding[]) {
  const small = await measureSnapshot(encoding, one)
  const full = await measureSnapshot(encoding, eight)
  lines.push(
    `| ${encoding} | ${full.frames} | ${small.bytes} | ${full.bytes} | ${((full.bytes - small.bytes) / 7).toFixed(1)} | ${(full.bytes * TICK_RATE).toLocaleString('en')} |`,
  )
}
console.log(
  `Snapshot of a room with 12 orbs; "bytes per player" is what each more player adds.\n\n${lines.join('\n')}`,
)
