import { newKey, type SessionUser } from './api.js'

/** What this browser remembers per site, in localStorage (quietly nothing where storage is off). */
export interface Session {
  token: string
  user: SessionUser
  /** Expiry, epoch ms. */
  exp: number
  /** Comments this reader liked in this browser, by id (a list of comments does not say). */
  liked?: Record<string, boolean>
}
/** A comment written here: its guest edit token, when it was posted, and its Markdown for editing. */
export interface Mine {
  t?: string
  at: number
  b: string
}
export type Vote = 'up' | 'down'
export interface GuestFields {
  name?: string
  email?: string
  website?: string
}

const DAY = 86_400_000

function read<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key)
    return text ? (JSON.parse(text) as T) : undefined
  } catch {
    return undefined
  }
}
function write(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key)
    else localStorage.setItem(key, JSON.stringify(value))
  } catch {
    // Storage full or disabled: the widget still works, it just forgets.
  }
}

/** The `exp` of a JWT, in ms (0 when unreadable). */
export function tokenExpiry(token: string): number {
  try {
    const part = token.split('.')[1] ?? ''
    return Number(JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))).exp) * 1000 || 0
  } catch {
    return 0
  }
}

export function createStorage(site: string) {
  const key = (name: string) => `parley:${site}:${name}`
  let visitor: string | undefined
  return {
    session_(): Session | undefined {
      const session = read<Session>(key('session'))
      return session && session.exp > Date.now() ? session : undefined
    },
    setSession_: (session: Session | undefined) => write(key('session'), session),
    /** Comments written in this browser during the last day. */
    mine_(): Record<string, Mine> {
      const all = read<Record<string, Mine>>(key('mine')) ?? {}
      return Object.fromEntries(Object.entries(all).filter(([, m]) => Date.now() - m.at < DAY))
    },
    setMine_(id: string, mine: Mine | undefined) {
      write(key('mine'), { ...this.mine_(), [id]: mine })
    },
    /** The anonymous id page feedback is counted by: one vote per visitor and page. */
    visitor_(): string {
      visitor ??= read<string>(key('visitor')) ?? newKey()
      write(key('visitor'), visitor)
      return visitor
    },
    /** The votes cast here, by page (its id, else its URL). */
    votes_: () => read<Record<string, Vote>>(key('votes')) ?? {},
    setVote_(page: string, vote: Vote) {
      write(key('votes'), { ...this.votes_(), [page]: vote })
    },
    guest_: () => read<GuestFields>(key('guest')) ?? {},
    setGuest_: (fields: GuestFields) => write(key('guest'), fields),
  }
}

export type Storage = ReturnType<typeof createStorage>
