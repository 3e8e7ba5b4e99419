import * as z from 'zod/mini'
import {
  CountsSchema,
  EditCommentSchema,
  IdempotencyKeySchema,
  ListCommentsSchema,
  PostCommentSchema,
} from '../../../shared/comments/comment-input.js'
import type { ChunkHandlers } from './mount-routes.js'

/** The request schemas of the routes loaded with the app: the only ones a cold start constructs. */
export const EAGER_REQUESTS = {
  ListComments: ListCommentsSchema,
  PostComment: PostCommentSchema,
  EditComment: EditCommentSchema,
  Counts: CountsSchema,
  IdempotencyKey: IdempotencyKeySchema,
  /** A guest's proof of authorship: any value, checked against the comment's hash by the domain. */
  EditToken: z.string(),
}

export type EagerHandlers = ChunkHandlers<'eager', typeof EAGER_REQUESTS>
