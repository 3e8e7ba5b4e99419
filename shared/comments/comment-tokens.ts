import type { Keys } from '../crypto/keys.js'
import { mac, safeEqual, seal, sha256, unseal } from '../crypto/mac.js'
import { invalidField } from '../errors.js'
import type { ThreadSort } from './comments-repository.js'

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

/** Where the next page of a thread starts. Signed: a client can hold it, not forge or move it. */
interface CursorState {
  page: string
  sort: ThreadSort
  after: string
}

export const encodeCursor = (keys: Keys, state: CursorState) =>
  seal(keys.cursor, Buffer.from(JSON.stringify([state.page, state.sort, state.after])).toString('base64url'))

/**
 * @throws ValidationError when the cursor was altered or belongs to another page or sort
 */
export function decodeCursor(keys: Keys, cursor: string, expected: Omit<CursorState, 'after'>): string {
  const payload = unseal(keys.cursor, cursor)
  const state: unknown = payload && JSON.parse(Buffer.from(payload, 'base64url').toString())
  if (
    Array.isArray(state) &&
    state[0] === expected.page &&
    state[1] === expected.sort &&
    typeof state[2] === 'string'
  ) {
    return state[2]
  }
  throw invalidField('#/cursor', 'is not a cursor of this page and sort')
}
