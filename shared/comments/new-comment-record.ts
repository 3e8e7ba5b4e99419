import type { PageRef } from '../pages/page-ref.js'
import { threadPaths } from './comment-id.js'
import type { CommentRecord } from './comment-record.js'
import type { ThreadParent } from './thread-parent.js'

/** What tells one new comment from another; the rest starts the same for every new comment. */
export type NewComment = Pick<
  CommentRecord,
  'id' | 'siteId' | 'body' | 'html' | 'author' | 'status' | 'createdAt' | 'reasons'
> &
  Partial<Pick<CommentRecord, 'userId' | 'editTokenHash' | 'ipHash' | 'userAgent' | 'notify'>> & {
    page: Pick<PageRef, 'key' | 'url'>
    /** What it hangs under in its thread (already moved up to the site's deepest level). */
    parent: ThreadParent | undefined
  }

/**
 * A comment as it is first written, posted or imported: placed in its page's thread under its
 * parent, never edited, pinned, replied to or liked, at version 0.
 */
export function newCommentRecord({ page, parent, ...c }: NewComment): CommentRecord {
  return {
    ...c,
    pageKey: page.key,
    pageUrl: page.url,
    parentId: parent?.id ?? null,
    depth: parent ? parent.depth + 1 : 0,
    paths: threadPaths(c.id, parent?.paths),
    editedAt: null,
    pinned: false,
    replyCount: 0,
    likes: 0,
    userId: c.userId ?? null,
    editTokenHash: c.editTokenHash ?? null,
    ipHash: c.ipHash ?? null,
    userAgent: c.userAgent ?? null,
    version: 0,
  }
}
