/** One line of the soak's report: a figure for raw socket.io and Volley, its budget and verdict. */
export interface SoakFigure {
  readonly scenario: string
  readonly figure: string
  readonly raw: string
  readonly volley: string
  readonly budget: string
  /** `undefined` for a figure shown for context, without a budget. */
  readonly pass: boolean | undefined
}

/** Formats figures as an aligned table; the last column says PASS or MISS. */
export function formatFigures(figures: readonly SoakFigure[]): string {
  const header = ['scenario', 'figure', 'raw socket.io', 'volley', 'budget', 'verdict']
  const rows = figures.map((f) => [
    f.scenario,
    f.figure,
    f.raw,
    f.volley,
    f.budget,
    f.pass === undefined ? '' : f.pass ? 'PASS' : 'MISS',
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** Formats a number with thousands separators and `digits` decimals. */
export function num(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}
