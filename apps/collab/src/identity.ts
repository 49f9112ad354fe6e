const names = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Eli',
  'Farah',
  'Gus',
  'Hana',
  'Iris',
  'Jon',
  'Kai',
  'Lena',
  'Milo',
  'Noor',
]
const colors = [
  '#e5484d',
  '#f76b15',
  '#ffb224',
  '#30a46c',
  '#12a594',
  '#0090ff',
  '#3e63dd',
  '#8e4ec6',
  '#d6409f',
]

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!

/** Who I am in this tab: name and colour from the URL (`?name=Ana&color=%23e5484d`) or picked at random. */
export function localIdentity(params: URLSearchParams): { name: string; color: string } {
  const name = params.get('name')?.slice(0, 32) || pick(names)
  const color = /^#[0-9a-f]{6}$/i.test(params.get('color') ?? '') ? params.get('color')! : pick(colors)
  return { name, color }
}
