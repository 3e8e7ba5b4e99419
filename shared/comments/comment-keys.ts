import { TABLE_INDEXES } from '../db/table-schema.js'
import { type CommentRecord, isInThread } from './comment-record.js'

export const commentKey = (siteId: string, id: string) => ({ pk: `S#${siteId}#C#${id}`, sk: 'C' })
export const pageKey = (siteId: string, page: string) => ({ pk: `S#${siteId}#P#${page}`, sk: 'PAGE' })
export const threadKey = (siteId: string, page: string) => `S#${siteId}#P#${page}`
export const statusKey = (siteId: string, status: string) => `S#${siteId}#ST#${status}`

/** Sorts before every thread path, so a page's own item comes first in its thread. */
export const PAGE_THREAD_SORT = '!'

const { threadOldest, threadNewest, byStatus } = TABLE_INDEXES

/** Index attributes of a comment in a given state: in its page's thread only while visible there. */
export const indexAttributes = (c: CommentRecord) => ({
  [byStatus.pk]: statusKey(c.siteId, c.status),
  [byStatus.sk]: c.id,
  ...(isInThread(c) && {
    [threadOldest.pk]: threadKey(c.siteId, c.pageKey),
    [threadOldest.sk]: c.paths.oldest,
    [threadNewest.sk]: c.paths.newest,
  }),
})

export const toItem = (c: CommentRecord) => ({ ...commentKey(c.siteId, c.id), ...c, ...indexAttributes(c) })
