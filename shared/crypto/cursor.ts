import { invalidField } from '../errors.js'
import type { Keys } from './keys.js'
import { seal, unseal } from './mac.js'

/**
 * An opaque, tamper-evident cursor: where the next page starts (`after`), bound to what it pages
 * through (`scope`: a page and sort, a status queue, …), so it cannot be moved to another list.
 */
export const sealCursor = (keys: Keys, scope: string, after: string) =>
  seal(keys.cursor, Buffer.from(JSON.stringify([scope, after])).toString('base64url'))

/**
 * @throws ValidationError (`#/cursor`) when the cursor was altered or belongs to another list
 */
export function openCursor(keys: Keys, cursor: string, scope: string): string {
  const payload = unseal(keys.cursor, cursor)
  let state: unknown
  try {
    state = payload && JSON.parse(Buffer.from(payload, 'base64url').toString())
  } catch {
    state = undefined
  }
  if (Array.isArray(state) && state[0] === scope && typeof state[1] === 'string') return state[1]
  throw invalidField('#/cursor', 'is not a cursor of this list')
}
