import { hue, initials } from '../../lib/format'

/** A round avatar with a name's initials. */
export function Avatar({ name, size = 28 }: { name: string; size?: number }) {
  return (
    <span
      className="avatar"
      title={name}
      style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hue(name)} 62% 46%)` }}
      aria-hidden
    >
      {initials(name)}
    </span>
  )
}
