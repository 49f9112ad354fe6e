/** Creates an element with attributes and children: the one DOM helper of this framework-free client. */
export function h<TTag extends keyof HTMLElementTagNameMap>(
  tag: TTag,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[TTag] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue
    element.setAttribute(name, value === true ? '' : value)
  }
  for (const child of children) if (child !== undefined) element.append(child)
  return element
}

/** The color of a slot: players keep theirs for as long as they sit in the room. */
export const SLOT_COLORS = [
  '#f97316',
  '#22d3ee',
  '#a3e635',
  '#f472b6',
  '#facc15',
  '#a78bfa',
  '#34d399',
  '#fb7185',
]

export function slotColor(slot: number): string {
  return SLOT_COLORS[slot % SLOT_COLORS.length]!
}
