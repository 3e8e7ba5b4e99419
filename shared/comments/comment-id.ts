import { randomBytes } from 'node:crypto'

const TIME_WIDTH = 9 // base36 milliseconds: enough until the year 5138
const MAX_TIME = 36 ** TIME_WIDTH - 1
const ALPHABET = '0123456789abcdefghijklmnopqrstuv'

/** Comment ids: 9 base36 characters of creation time, then 8 random ones. They sort by time. */
export const COMMENT_ID = /^[0-9a-z]{17}$/

/** A new id for a comment created at `now` (epoch ms). */
export function newCommentId(now: number): string {
  const random = Array.from(randomBytes(8), (b) => ALPHABET[b & 31]).join('')
  return now.toString(36).padStart(TIME_WIDTH, '0') + random
}

/**
 * Where a comment sorts among its page's comments, as a path of ids from its thread's root.
 * Ids have a fixed width, so a parent sorts right before its replies and replies oldest first;
 * `newest` inverts the time of the root's id alone, so threads go newest first and replies don't.
 */
export function threadPaths(id: string, parent?: { oldest: string; newest: string }) {
  if (parent) return { oldest: `${parent.oldest}/${id}`, newest: `${parent.newest}/${id}` }
  const inverted = (MAX_TIME - Number.parseInt(id.slice(0, TIME_WIDTH), 36))
    .toString(36)
    .padStart(TIME_WIDTH, '0')
  return { oldest: id, newest: inverted + id.slice(TIME_WIDTH) }
}

/** The first `depth + 1` segments of a path: the path of the ancestor at that depth. */
export const ancestorPath = (path: string, depth: number) =>
  path
    .split('/')
    .slice(0, depth + 1)
    .join('/')
