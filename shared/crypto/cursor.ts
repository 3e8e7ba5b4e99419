import { invalidField } from '../errors.js'
import type { Keys } from './keys.js'
import { seal, unseal } from './mac.js'

/** Where the next page starts (`after`), and a count the list's first page read, if it carries one. */
export interface CursorState {
  after: string
  count?: number | undefined
}

/**
 * An opaque, tamper-evident cursor: where the next page starts (`after`), bound to what it pages
 * through (`scope`: a page and sort, a status queue, …), so it cannot be moved to another list.
 */
export const sealCursor = (keys: Keys, scope: string, after: string, count?: number) =>
  seal(
    keys.cursor,
    Buffer.from(JSON.stringify(count === undefined ? [scope, after] : [scope, after, count])).toString(
      'base64url',
    ),
  )

/**
 * @throws ValidationError (`#/cursor`) when the cursor was altered or belongs to another list
 */
export function openCursorState(keys: Keys, cursor: string, scope: string): CursorState {
  const payload = unseal(keys.cursor, cursor)
  let state: unknown
  try {
    state = payload && JSON.parse(Buffer.from(payload, 'base64url').toString())
  } catch {
    state = undefined
  }
  if (Array.isArray(state) && state[0] === scope && typeof state[1] === 'string') {
    const count = state[2]
    if (state.length === 2) return { after: state[1] }
    if (state.length === 3 && Number.isSafeInteger(count) && count >= 0) return { after: state[1], count }
  }
  throw invalidField('#/cursor', 'is not a cursor of this list')
}

/**
 * Where the next page starts.
 * @throws ValidationError (`#/cursor`) when the cursor was altered or belongs to another list
 */
export const openCursor = (keys: Keys, cursor: string, scope: string): string =>
  openCursorState(keys, cursor, scope).after
