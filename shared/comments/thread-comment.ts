import * as z from 'zod/mini'
import type { Comment } from '../contracts/index.js'

export const CommentStatusSchema = z.enum(['published', 'pending', 'spam', 'rejected', 'deleted'])

/** A nullable field that reads as null when the item lacks it. */
export const orNull = <S extends z.ZodMiniType>(s: S) => z._default(z.nullable(s), null)

// One instance of each primitive serves every field of the comment schemas: they check shapes.
export const [string, int, boolean] = [z.string(), z.int(), z.boolean()]
export const stringOrNull = orNull(string)

/** A comment's author as the public sees it (the record adds the e-mail). */
export const PublicAuthorSchema = z.object({
  name: string,
  website: stringOrNull,
  avatar: stringOrNull,
  provider: string,
  verified: boolean,
  moderator: boolean,
})

/**
 * A comment as a page's public list reads it from the thread index: only what the list shows and
 * pages by, parsed from its DynamoDB item (never cast). The whole record (`comment-record.ts`)
 * extends it with what writes and moderators need, built on their first use: the list of a cold
 * start neither builds nor parses the author's e-mail, IP hash or source.
 */
export const ThreadCommentSchema = z.object({
  id: string,
  parentId: stringOrNull,
  depth: int,
  paths: z.object({ oldest: string, newest: string }),
  html: string,
  author: orNull(PublicAuthorSchema),
  status: CommentStatusSchema,
  /** Epoch milliseconds. */
  createdAt: z.number(),
  editedAt: orNull(z.number()),
  pinned: z._default(boolean, false),
  /** Signed-in readers' likes, moved only together with their like items. */
  likes: z._default(int, 0),
  /**
   * The rank of the comment's thread in the `top` sort (its root's likes), kept on every comment of
   * the thread; absent until the root is first liked, which reads as no likes.
   */
  rank: z.optional(z.object({ likes: int, version: int })),
})

export type ThreadComment = z.infer<typeof ThreadCommentSchema>

/** The public view of a comment: no e-mail, IP hash or source; tombstones keep only their place. */
export function toPublicComment(c: ThreadComment): Comment {
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
