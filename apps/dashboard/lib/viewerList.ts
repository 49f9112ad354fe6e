import type { User } from './contract'

/** The part of a presence member the viewers list uses: its key (the user id) and the name it carries. */
export interface ViewerMember {
  readonly key: string
  readonly meta: { readonly name: string }
}

/** The members of the `viewers` presence as users, by name: what the page renders and the islands keep live. */
export function viewerList(members: readonly ViewerMember[]): User[] {
  return members
    .map((member) => ({ id: member.key, name: member.meta.name }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
