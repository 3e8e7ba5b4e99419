// Types of the HTTP contract shared with the widget: `import type` only, no runtime code here. Each
// is inferred from the schema the API's responses are checked against, so the two cannot drift.
import type * as z from 'zod/mini'
import type { ProvidersResponseSchema, SessionUserSchema, TokenResponseSchema } from '../auth/auth-output.js'
import type {
  AdminCommentSchema,
  CommentAuthorSchema,
  CommentSchema,
  CountsResponseSchema,
  EditCommentResponseSchema,
  LikeResponseSchema,
  ListCommentsResponseSchema,
  PostCommentResponseSchema,
} from '../comments/comment-output.js'
import type { CommentStatusSchema } from '../comments/comment-record.js'
import type { FeedbackCountsSchema } from '../feedback/feedback-output.js'
import type { ProblemSchema } from '../problem-schema.js'

export type CommentStatus = z.infer<typeof CommentStatusSchema>
export type CommentAuthor = z.infer<typeof CommentAuthorSchema>
export type Comment = z.infer<typeof CommentSchema>
export type AdminComment = z.infer<typeof AdminCommentSchema>
export type ListCommentsResponse = z.infer<typeof ListCommentsResponseSchema>
export type PostCommentResponse = z.infer<typeof PostCommentResponseSchema>
export type EditCommentResponse = z.infer<typeof EditCommentResponseSchema>
export type CountsResponse = z.infer<typeof CountsResponseSchema>
export type LikeResponse = z.infer<typeof LikeResponseSchema>
export type FeedbackCounts = z.infer<typeof FeedbackCountsSchema>
export type SessionUser = z.infer<typeof SessionUserSchema>
export type ProvidersResponse = z.infer<typeof ProvidersResponseSchema>
export type TokenResponse = z.infer<typeof TokenResponseSchema>
export type Problem = z.infer<typeof ProblemSchema>
