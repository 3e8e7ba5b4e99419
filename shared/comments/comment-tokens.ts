import { openCursor, sealCursor } from '../crypto/cursor.js'
import type { Keys } from '../crypto/keys.js'
import { mac, safeEqual, seal, sha256 } from '../crypto/mac.js'
import type { ThreadSort } from './comment-item.js'

/**
 * A guest's edit token: a MAC of the comment's id, so an idempotent retry can hand it out again
 * without the token ever being stored. The comment keeps only its hash.
 */
export const editTokenFor = (keys: Keys, siteId: string, id: string) => mac(keys.editToken, `${siteId}/${id}`)

export const hashEditToken = (token: string) => sha256(token)

export const editTokenMatches = (token: string, hash: string | null) =>
  hash !== null && safeEqual(hashEditToken(token), hash)

/** The signed moment a form was served, for the spam check that tells people from scripts. */
export const issueFormToken = (keys: Keys, siteId: string, now: number) =>
  seal(keys.formToken, `${siteId}.${now.toString(36)}`)

/** Where the next page of a thread starts, bound to its page and sort. */
export const encodeCursor = (keys: Keys, state: { page: string; sort: ThreadSort; after: string }) =>
  sealCursor(keys, `thread|${state.page}|${state.sort}`, state.after)

/**
 * @throws ValidationError when the cursor was altered or belongs to another page or sort
 */
export const decodeCursor = (keys: Keys, cursor: string, expected: { page: string; sort: ThreadSort }) =>
  openCursor(keys, cursor, `thread|${expected.page}|${expected.sort}`)
