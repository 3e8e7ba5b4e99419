import * as z from 'zod/mini'
import { ProvidersResponseSchema } from '../auth/auth-output.js'
import { CommentStatusSchema } from './comment-record.js'

/** What the API answers about comments (contract section 3): the schemas its responses must match. */

export const CommentAuthorSchema = z.object({
  name: z.string(),
  website: z.nullable(z.string()),
  avatar: z.nullable(z.string()),
  provider: z.string(),
  verified: z.boolean(),
  moderator: z.boolean(),
})

export const CommentSchema = z.object({
  id: z.string(),
  parentId: z.nullable(z.string()),
  depth: z.int().check(z.minimum(0)),
  author: z.nullable(CommentAuthorSchema),
  html: z.string(),
  createdAt: z.iso.datetime(),
  editedAt: z.nullable(z.iso.datetime()),
  deleted: z.boolean(),
  pinned: z.boolean(),
  reactions: z.object({ like: z.int().check(z.minimum(0)) }),
})

const Cursor = z.nullable(z.string())

export const ListCommentsResponseSchema = z.object({
  page: z.object({ url: z.string(), commentCount: z.int().check(z.minimum(0)) }),
  comments: z.array(CommentSchema),
  nextCursor: Cursor,
  formToken: z.string(),
  /**
   * The first page only: how a reader may sign in, the answer of `GET …/auth/providers`, so the
   * widget's first render is this one request.
   */
  signIn: z.optional(ProvidersResponseSchema),
})

export const PostCommentResponseSchema = z.object({
  comment: z.extend(CommentSchema, { status: z.enum(['published', 'pending']) }),
  editToken: z.optional(z.string()),
})

export const EditCommentResponseSchema = z.object({ comment: CommentSchema })

export const CountsResponseSchema = z.object({ counts: z.record(z.string(), z.int().check(z.minimum(0))) })

export const LikeResponseSchema = z.object({
  reactions: z.object({ like: z.int().check(z.minimum(0)) }),
  mine: z.array(z.literal('like')).check(z.maxLength(1)),
})

/** What moderators see: the public view plus status, page, source, e-mail, IP hash and why it was held. */
export const AdminCommentSchema = z.extend(CommentSchema, {
  status: CommentStatusSchema,
  page: z.string(),
  body: z.string(),
  email: z.nullable(z.string()),
  ipHash: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  reasons: z.array(z.string()),
  userId: z.nullable(z.string()),
})

export const QueueResponseSchema = z.object({ comments: z.array(AdminCommentSchema), nextCursor: Cursor })
