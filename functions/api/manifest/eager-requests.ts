import { CountsSchema, ListCommentsSchema } from '../../../shared/comments/comment-input.js'
import type { ChunkHandlers } from './mount-routes.js'

/** The request schemas of the routes loaded with the app: the only ones a cold start constructs. */
export const EAGER_REQUESTS = {
  ListComments: ListCommentsSchema,
  Counts: CountsSchema,
}

export type EagerHandlers = ChunkHandlers<'eager', typeof EAGER_REQUESTS>
