import type { Clock } from '../clock.js'
import type { Keys } from '../crypto/keys.js'
import type { Store } from '../db/store.js'
import type { CheckWithAkismet } from '../moderation/akismet.js'
import type { CommentsRepository } from './comments-repository.js'

/** What the comment operations need: the table, its comments, the time, the keys, Akismet. */
export interface CommentDeps {
  store: Store
  comments: CommentsRepository
  clock: Clock
  keys: Keys
  checkWithAkismet: CheckWithAkismet
}

/** Who is asking, as far as the comment operations care. IPs never get here unhashed. */
export interface Requester {
  ipHash: string
  /** The raw IP, only ever sent to Akismet when the site enables it; never stored. */
  ip?: string | undefined
  userAgent?: string | undefined
  /** The signed-in reader, when the request carries a session. */
  user?: SignedInAuthor | undefined
}

/** A signed-in reader as a comment's author: the profile their provider gave at sign-in. */
export interface SignedInAuthor {
  id: string
  name: string
  avatar: string | null
  email: string | null
  providerType: string
  /** The provider's subject: moderators may ban it as well as the user id. */
  subject: string
  moderator: boolean
}
