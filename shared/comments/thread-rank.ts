import { ancestorPath } from './comment-id.js'
import type { CommentRecord } from './comment-record.js'

/**
 * Where a thread stands in the `top` sort: its root's likes, as of the root's `likesVersion` then.
 * Every comment of the thread carries it, so one Query on the `thread-top` index returns threads
 * most liked first with each thread's replies right under its root.
 */
export interface ThreadRank {
  likes: number
  version: number
}

/** What a thread's rank is read from: its root. */
export type RankSource = Pick<CommentRecord, 'likes' | 'likesVersion'>

const RANK_WIDTH = 10
const MAX_RANKED_LIKES = 10 ** RANK_WIDTH - 1

/**
 * The `top` sort key of a comment: its thread's likes inverted and zero-padded (most liked first),
 * then its thread path, so equal likes fall back to thread order (the older thread first) and
 * replies follow their root as in the other sorts.
 */
export function topSortKey(rank: ThreadRank | undefined, oldestPath: string): string {
  const likes = Math.min(Math.max(rank?.likes ?? 0, 0), MAX_RANKED_LIKES)
  return String(MAX_RANKED_LIKES - likes).padStart(RANK_WIDTH, '0') + oldestPath
}

/** The rank a thread has now: its root's likes at its root's current likes version. */
export const rankOf = (root: RankSource): ThreadRank => ({
  likes: root.likes,
  version: root.likesVersion ?? 0,
})

/** The id of the root of a comment's thread: the first segment of its thread path. */
export const rootIdOf = (c: Pick<CommentRecord, 'paths'>) => ancestorPath(c.paths.oldest, 0)
