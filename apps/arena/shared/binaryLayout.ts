// A tiny schema for fixed-size binary records: a layout names each field and its wire type, and one
// generic reader/writer turns records into bytes and back. The TypeScript type of a record is derived from
// its layout, so the codec stays typed end to end.
import { POSITION_SCALE } from './rules'

/**
 * Wire types: unsigned integers (little-endian), a boolean byte, and `pos`, a world coordinate on the
 * 1/8-unit grid stored as an unsigned 16-bit integer (0 to 8191.875).
 */
export type FieldType = 'u8' | 'u16' | 'u32' | 'bool' | 'pos'

/** A record layout: field names in wire order, each with its type. */
export type Layout = Readonly<Record<string, FieldType>>

/** The value of a record of a layout: `bool` fields are booleans, every other field a number. */
export type InferLayout<TLayout extends Layout> = {
  -readonly [TKey in keyof TLayout]: TLayout[TKey] extends 'bool' ? boolean : number
}

const SIZE: Record<FieldType, number> = { u8: 1, u16: 2, u32: 4, bool: 1, pos: 2 }
const MAX: Record<Exclude<FieldType, 'bool'>, number> = {
  u8: 0xff,
  u16: 0xffff,
  u32: 0xffff_ffff,
  pos: 0xffff,
}

/** The size of one record of a layout, in bytes. */
export function layoutSize(layout: Layout): number {
  let size = 0
  for (const type of Object.values(layout)) size += SIZE[type]
  return size
}

function toWire(field: string, type: FieldType, value: number | boolean): number {
  if (type === 'bool') return value ? 1 : 0
  const wire = type === 'pos' ? (value as number) * POSITION_SCALE : (value as number)
  if (!Number.isInteger(wire) || wire < 0 || wire > MAX[type]) {
    throw new RangeError(`${field} = ${String(value)} does not fit a ${type}`)
  }
  return wire
}

/**
 * Writes one record at `offset`.
 * @returns the offset after it
 * @throws RangeError when a value does not fit its field
 */
export function writeRecord<TLayout extends Layout>(
  view: DataView,
  offset: number,
  layout: TLayout,
  record: InferLayout<TLayout>,
): number {
  for (const [field, type] of Object.entries(layout)) {
    const wire = toWire(field, type, (record as Record<string, number | boolean>)[field]!)
    if (type === 'u16' || type === 'pos') view.setUint16(offset, wire, true)
    else if (type === 'u32') view.setUint32(offset, wire, true)
    else view.setUint8(offset, wire)
    offset += SIZE[type]
  }
  return offset
}

/**
 * Reads one record at `offset` (the caller checks that the bytes are there).
 * @throws RangeError when a boolean byte is neither 0 nor 1
 */
export function readRecord<TLayout extends Layout>(
  view: DataView,
  offset: number,
  layout: TLayout,
): InferLayout<TLayout> {
  const record: Record<string, number | boolean> = {}
  for (const [field, type] of Object.entries(layout)) {
    if (type === 'u16') record[field] = view.getUint16(offset, true)
    else if (type === 'pos') record[field] = view.getUint16(offset, true) / POSITION_SCALE
    else if (type === 'u32') record[field] = view.getUint32(offset, true)
    else {
      const byte = view.getUint8(offset)
      if (type === 'bool' && byte > 1) throw new RangeError(`${field}: ${byte} is not a boolean byte`)
      record[field] = type === 'bool' ? byte === 1 : byte
    }
    offset += SIZE[type]
  }
  return record as InferLayout<TLayout>
}
