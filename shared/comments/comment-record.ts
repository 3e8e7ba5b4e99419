import * as z from 'zod/mini'
import type { Comment } from '../contracts/index.js'

export const CommentStatusSchema = z.enum(['published', 'pending', 'spam', 'rejected', 'deleted'])

const nullable = <S extends z.ZodMiniType>(s: S) => z._default(z.nullable(s), null)

/** A comment as the domain knows it, parsed from its DynamoDB item (never cast). */
export const CommentRecordSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  pageKey: z.string(),
  pageUrl: z.string(),
  parentId: nullable(z.string()),
  depth: z.int(),
  paths: z.object({ oldest: z.string(), newest: z.string() }),
  body: z.string(),
  html: z.string(),
  author: nullable(
    z.object({
      name: z.string(),
      email: nullable(z.string()),
      website: nullable(z.string()),
      avatar: nullable(z.string()),
      provider: z.string(),
      verified: z.boolean(),
      moderator: z.boolean(),
    }),
  ),
  status: CommentStatusSchema,
  /** Epoch milliseconds. */
  createdAt: z.number(),
  editedAt: nullable(z.number()),
  pinned: z._default(z.boolean(), false),
  /** Direct replies that are in the thread (published, or tombstones). */
  replyCount: z._default(z.int(), 0),
  /** The signed-in author; guests have none. */
  userId: nullable(z.string()),
  editTokenHash: nullable(z.string()),
  ipHash: nullable(z.string()),
  userAgent: nullable(z.string()),
  reasons: z._default(z.array(z.string()), []),
  /**
   * The author asked to hear of replies (`notify: true`): kept for a guest only with their
   * `author.email`, for a signed-in reader always (their verified e-mail, if any, is in their user
   * record). The notifier reads it.
   */
  notify: z.optional(z.literal(true)),
  /** Signed-in readers' likes, moved only together with their like items. */
  likes: z._default(z.int(), 0),
  /** Bumped with every change of `likes`: which like count a thread's rank reflects (roots only). */
  likesVersion: z.optional(z.int()),
  /**
   * The rank of the comment's thread in the `top` sort (its root's likes), kept on every comment of
   * the thread; absent until the root is first liked, which reads as no likes.
   */
  rank: z.optional(z.object({ likes: z.int(), version: z.int() })),
  /** Bumped by every write of the whole item: the condition that makes read-then-write safe. */
  version: z._default(z.int(), 0),
})

export type CommentRecord = z.infer<typeof CommentRecordSchema>
export type CommentStatus = CommentRecord['status']

/** Published comments, and deleted ones kept as tombstones for their replies, are in the thread. */
export const isInThread = (c: Pick<CommentRecord, 'status' | 'replyCount'>) =>
  c.status === 'published' || (c.status === 'deleted' && c.replyCount > 0)

/** The public view of a comment: no e-mail, IP hash or source; tombstones keep only their place. */
export function toPublicComment(c: CommentRecord): Comment {
  const deleted = c.status === 'deleted'
  return {
    id: c.id,
    parentId: c.parentId,
    depth: c.depth,
    author:
      deleted || !c.author
        ? null
        : {
            name: c.author.name,
            website: c.author.website,
            avatar: c.author.avatar,
            provider: c.author.provider,
            verified: c.author.verified,
            moderator: c.author.moderator,
          },
    html: deleted ? '' : c.html,
    createdAt: new Date(c.createdAt).toISOString(),
    editedAt: c.editedAt === null ? null : new Date(c.editedAt).toISOString(),
    deleted,
    pinned: c.pinned,
    reactions: { like: c.likes },
  }
}
