import * as z from 'zod/mini'
import {
  CallbackBodySchema,
  CallbackQuerySchema,
  StartQuerySchema,
  TokenExchangeSchema,
} from '../../../shared/auth/auth-input.js'
import { ListCommentsSchema } from '../../../shared/comments/comment-input.js'
import {
  EditCommentSchema,
  IdempotencyKeySchema,
  PostCommentSchema,
} from '../../../shared/comments/comment-write-input.js'
import {
  AdminFeedbackQuerySchema,
  FeedbackQuerySchema,
  FeedbackSchema,
} from '../../../shared/feedback/feedback-input.js'
import { ImportCommentSchema } from '../../../shared/import/import-input.js'
import { MailActionFormSchema, MailTokenQuerySchema } from '../../../shared/mail/mail-input.js'
import {
  BanSchema,
  EraseSchema,
  ModerationSchema,
  PageQuerySchema,
  QueueQuerySchema,
} from '../../../shared/moderation/moderation-input.js'
import { EraseMeQuerySchema } from '../../../shared/privacy/privacy-input.js'
import { SiteConfigSchema } from '../../../shared/sites/site-schema.js'
import type { ChunkHandlers } from './mount-routes.js'

/** The request schemas of the routes loaded on demand: constructed with their chunk, not at start. */
export const ON_DEMAND_REQUESTS = {
  /** The fragment reads what the JSON list reads, by the same query. */
  CommentsHtml: ListCommentsSchema,
  PostComment: PostCommentSchema,
  EditComment: EditCommentSchema,
  IdempotencyKey: IdempotencyKeySchema,
  /** A guest's proof of authorship: any value, checked against the comment's hash by the domain. */
  EditToken: z.string(),
  TokenExchange: TokenExchangeSchema,
  StartQuery: StartQuerySchema,
  CallbackQuery: CallbackQuerySchema,
  CallbackBody: CallbackBodySchema,
  Feedback: FeedbackSchema,
  FeedbackQuery: FeedbackQuerySchema,
  AdminFeedbackQuery: AdminFeedbackQuerySchema,
  QueueQuery: QueueQuerySchema,
  PageQuery: PageQuerySchema,
  Moderation: ModerationSchema,
  Ban: BanSchema,
  Erase: EraseSchema,
  EraseMeQuery: EraseMeQuerySchema,
  ImportComment: ImportCommentSchema,
  SiteConfig: SiteConfigSchema,
  MailToken: MailTokenQuerySchema,
  MailAction: MailActionFormSchema,
}

export type OnDemandHandlers = ChunkHandlers<'on-demand', typeof ON_DEMAND_REQUESTS>
