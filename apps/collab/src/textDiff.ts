/** The smallest single replacement turning `before` into `after`: common prefix and suffix kept. */
export interface TextChange {
  readonly index: number
  readonly remove: number
  readonly insert: string
}

/**
 * Computes the minimal single-range change between two strings (common prefix/suffix).
 *
 * @example
 * diffText('hello', 'help!') // { index: 3, remove: 2, insert: 'p!' }
 */
export function diffText(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let end = 0
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++
  }
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) }
}

/** 1-based line and column of an index in a text. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index)
  const lastBreak = before.lastIndexOf('\n')
  return { line: before.split('\n').length, column: index - lastBreak }
}
