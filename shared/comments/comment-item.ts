import { commentKey, statusKey, threadKey } from '../db/item-keys.js'
import { TABLE_INDEXES } from '../db/table-schema.js'
import { type CommentRecord, isInThread } from './comment-record.js'
import { topSortKey } from './thread-rank.js'

/** Sorts before every thread path, so a page's own item comes first in its thread. */
export const PAGE_THREAD_SORT = '!'

export type ThreadSort = 'oldest' | 'newest' | 'top'

const { threadOldest, threadNewest, threadTop, byStatus } = TABLE_INDEXES

/**
 * The SET clause that files a page's own item first in each of its thread indexes (values `:tpk`
 * and `:top`, the latter {@link PAGE_THREAD_SORT}).
 */
export const PAGE_IN_THREADS = [threadOldest.sk, threadNewest.sk, threadTop.sk].reduce(
  (clause, sk) => `${clause}, ${sk} = :top`,
  `${threadOldest.pk} = :tpk`,
)

/** The index a sort reads. */
export const threadIndex = (sort: ThreadSort) =>
  sort === 'oldest' ? threadOldest : sort === 'newest' ? threadNewest : threadTop

/** Where a comment sorts in its page's thread index of `sort`: what a cursor resumes after. */
export function threadSortKey(c: Pick<CommentRecord, 'paths' | 'rank'>, sort: ThreadSort): string {
  if (sort === 'oldest') return c.paths.oldest
  if (sort === 'newest') return c.paths.newest
  return topSortKey(c.rank, c.paths.oldest)
}

/** Index attributes of a comment in a given state: in its page's thread only while visible there. */
export const indexAttributes = (c: CommentRecord) => ({
  [byStatus.pk]: statusKey(c.siteId, c.status),
  [byStatus.sk]: c.id,
  ...(isInThread(c) && {
    [threadOldest.pk]: threadKey(c.siteId, c.pageKey),
    [threadOldest.sk]: threadSortKey(c, 'oldest'),
    [threadNewest.sk]: threadSortKey(c, 'newest'),
    [threadTop.sk]: threadSortKey(c, 'top'),
  }),
})

export const toItem = (c: CommentRecord) => ({ ...commentKey(c.siteId, c.id), ...c, ...indexAttributes(c) })
