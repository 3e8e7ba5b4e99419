import * as z from 'zod/mini'
import {
  MeResponseSchema,
  ProvidersResponseSchema,
  SessionHandoffSchema,
  TokenResponseSchema,
} from '../../../shared/auth/auth-output.js'
import {
  CountsResponseSchema,
  EditCommentResponseSchema,
  LikeResponseSchema,
  ListCommentsResponseSchema,
  PostCommentResponseSchema,
  QueueResponseSchema,
} from '../../../shared/comments/comment-output.js'
import {
  FeedbackCountsSchema,
  FeedbackEntriesResponseSchema,
} from '../../../shared/feedback/feedback-output.js'
import { ImportCommentSchema } from '../../../shared/import/import-input.js'
import { ImportResponseSchema } from '../../../shared/import/import-output.js'
import { SubscriptionsResponseSchema } from '../../../shared/mail/subscriptions-output.js'
import { BanSchema } from '../../../shared/moderation/bans.js'
import {
  AuditResponseSchema,
  BansResponseSchema,
  EraseResponseSchema,
  ModerationResponseSchema,
} from '../../../shared/moderation/moderation-output.js'
import { PersonalDataResponseSchema } from '../../../shared/privacy/privacy-output.js'
import { ProblemSchema } from '../../../shared/problem-schema.js'
import { SitesResponseSchema } from '../../../shared/sites/site-output.js'
import { SiteConfigSchema } from '../../../shared/sites/site-schema.js'
import {
  DeliveriesResponseSchema,
  TestDeliveryResponseSchema,
} from '../../../shared/webhooks/delivery-log.js'

/**
 * Every response schema, by the name the manifest gives it. Only the OpenAPI build and the tests
 * import this module: no response schema is constructed by the function itself.
 */
export const RESPONSES = {
  Health: z.object({ status: z.literal('ok') }),
  OpenApi: z.looseObject({ openapi: z.literal('3.1.0'), paths: z.record(z.string(), z.unknown()) }),
  /** The widget's words in one language, by key. */
  LanguagePack: z.record(z.string(), z.string()),
  ListComments: ListCommentsResponseSchema,
  PostComment: PostCommentResponseSchema,
  EditComment: EditCommentResponseSchema,
  Counts: CountsResponseSchema,
  /** The sign-in options, and a formToken for a widget that adopted server-rendered comments. */
  Providers: z.extend(ProvidersResponseSchema, { formToken: z.string() }),
  Token: TokenResponseSchema,
  Me: MeResponseSchema,
  SessionHandoff: SessionHandoffSchema,
  FeedbackCounts: FeedbackCountsSchema,
  Like: LikeResponseSchema,
  PersonalData: PersonalDataResponseSchema,
  Subscriptions: SubscriptionsResponseSchema,
  SiteConfig: SiteConfigSchema,
  Sites: SitesResponseSchema,
  Queue: QueueResponseSchema,
  Moderation: ModerationResponseSchema,
  Bans: BansResponseSchema,
  Ban: BanSchema,
  Erase: EraseResponseSchema,
  FeedbackEntries: FeedbackEntriesResponseSchema,
  Audit: AuditResponseSchema,
  Import: ImportResponseSchema,
  ImportComment: ImportCommentSchema,
  Problem: ProblemSchema,
  WebhookDeliveries: DeliveriesResponseSchema,
  WebhookTest: TestDeliveryResponseSchema,
}
