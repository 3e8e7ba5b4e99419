import type { Clock } from '../clock.js'
import type { CommentsRepository } from '../comments/comments-repository.js'
import type { Keys } from '../crypto/keys.js'
import type { Store } from '../db/store.js'

/**
 * What moderators' and admins' operations on a site's comments need (moderation, erasure, import
 * and export): the table (audit log, people's partitions), its comments, the time, the keys.
 */
export interface ModerationDeps {
  store: Store
  comments: CommentsRepository
  clock: Clock
  keys: Keys
}
