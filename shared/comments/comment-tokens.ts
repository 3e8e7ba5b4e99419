import { type CursorState, openCursorState, sealCursor } from '../crypto/cursor.js'
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

/**
 * Where the next page of a thread starts, bound to its page and sort, with the page's comment count
 * as its first page read it: a later page is one Query of the thread, which cannot reach the page's
 * own item (it sorts first).
 */
export const encodeCursor = (
  keys: Keys,
  state: { page: string; sort: ThreadSort; after: string; commentCount: number },
) => sealCursor(keys, `thread|${state.page}|${state.sort}`, state.after, state.commentCount)

/**
 * Where the next page starts, and the count it carries (none in cursors sealed before counts were).
 * @throws ValidationError when the cursor was altered or belongs to another page or sort
 */
export const decodeCursor = (
  keys: Keys,
  cursor: string,
  expected: { page: string; sort: ThreadSort },
): CursorState => openCursorState(keys, cursor, `thread|${expected.page}|${expected.sort}`)
