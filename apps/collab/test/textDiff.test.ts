import { describe, expect, it } from 'vitest'
import { diffText, lineAndColumn } from '../src/textDiff'

describe('diffText', () => {
  it.each([
    ['hello', 'hello', undefined],
    ['', 'abc', { index: 0, remove: 0, insert: 'abc' }],
    ['abc', '', { index: 0, remove: 3, insert: '' }],
    ['hello', 'help!', { index: 3, remove: 2, insert: 'p!' }],
    ['aaa', 'aaaa', { index: 3, remove: 0, insert: 'a' }],
    ['one two', 'one big two', { index: 4, remove: 0, insert: 'big ' }],
    ['line\nbreak', 'linebreak', { index: 4, remove: 1, insert: '' }],
  ])('%j -> %j', (before, after, change) => {
    expect(diffText(before, after)).toEqual(change)
  })

  it('always reproduces the new text', () => {
    const samples = ['', 'a', 'ab', 'aba', 'abba', 'hello world', 'xx\nyy']
    for (const before of samples) {
      for (const after of samples) {
        const change = diffText(before, after)
        const result = change
          ? before.slice(0, change.index) + change.insert + before.slice(change.index + change.remove)
          : before
        expect(result).toBe(after)
      }
    }
  })
})

describe('lineAndColumn', () => {
  it('is 1-based', () => {
    expect(lineAndColumn('ab\ncde', 0)).toEqual({ line: 1, column: 1 })
    expect(lineAndColumn('ab\ncde', 2)).toEqual({ line: 1, column: 3 })
    expect(lineAndColumn('ab\ncde', 3)).toEqual({ line: 2, column: 1 })
    expect(lineAndColumn('ab\ncde', 6)).toEqual({ line: 2, column: 4 })
  })
})
