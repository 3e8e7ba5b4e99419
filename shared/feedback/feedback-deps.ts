import type { Clock } from '../clock.js'
import type { Keys } from '../crypto/keys.js'
import type { Store } from '../db/store.js'

/** What page feedback needs: the table its votes and counts live in, the time, the keys. */
export interface FeedbackDeps {
  store: Store
  clock: Clock
  keys: Keys
}
