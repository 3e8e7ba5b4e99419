import * as z from 'zod/mini'
import {
  int,
  orNull,
  PublicAuthorSchema,
  string,
  stringOrNull,
  ThreadCommentSchema,
} from './thread-comment.js'

// The statuses and the public view are the thread's (`thread-comment.ts`), which a page's list reads.
export { CommentStatusSchema, toPublicComment } from './thread-comment.js'

/**
 * A comment as the domain knows it, parsed from its DynamoDB item (never cast): the thread's view
 * of it and what writes and moderators need besides. Built on its first parse: a cold start's
 * list of a page needs only the thread's view.
 */
export const CommentRecordSchema = z.lazy(() =>
  z.object({
    ...ThreadCommentSchema.shape,
    siteId: string,
    pageKey: string,
    pageUrl: string,
    body: string,
    author: orNull(z.object({ ...PublicAuthorSchema.shape, email: stringOrNull })),
    /** Direct replies that are in the thread (published, or tombstones). */
    replyCount: z._default(int, 0),
    /** The signed-in author; guests have none. */
    userId: stringOrNull,
    editTokenHash: stringOrNull,
    ipHash: stringOrNull,
    userAgent: stringOrNull,
    reasons: z._default(z.array(string), []),
    /**
     * The author asked to hear of replies (`notify: true`): kept for a guest only with their
     * `author.email`, for a signed-in reader always (their verified e-mail, if any, is in their user
     * record). The notifier reads it.
     */
    notify: z.optional(z.literal(true)),
    /** Bumped with every change of `likes`: which like count a thread's rank reflects (roots only). */
    likesVersion: z.optional(int),
    /** Bumped by every write of the whole item: the condition that makes read-then-write safe. */
    version: z._default(int, 0),
  }),
)

export type CommentRecord = z.infer<typeof CommentRecordSchema>
export type CommentStatus = CommentRecord['status']

/** Published comments, and deleted ones kept as tombstones for their replies, are in the thread. */
export const isInThread = (c: Pick<CommentRecord, 'status' | 'replyCount'>) =>
  c.status === 'published' || (c.status === 'deleted' && c.replyCount > 0)
