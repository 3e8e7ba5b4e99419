import {
  AdminFeedbackQuerySchema,
  FeedbackQuerySchema,
  FeedbackSchema,
} from '../../shared/feedback/feedback-input.js'
import { admin, body, commentId, ok, query, session, siteId } from './openapi-parts.js'

/** "Was this page helpful?", comment likes, and the moderators' view of feedback. */
export const feedbackPaths = () => ({
  '/v1/sites/{siteId}/feedback': {
    post: {
      summary: "A visitor's vote on a page (a later vote replaces the earlier one)",
      parameters: [siteId],
      requestBody: body(FeedbackSchema),
      responses: ok('{ up, down }', '201'),
    },
    get: {
      summary: "A page's feedback counts",
      parameters: [siteId, ...query(FeedbackQuerySchema)],
      responses: ok('{ up, down }'),
    },
  },
  '/v1/sites/{siteId}/comments/{id}/reactions/like': {
    put: {
      summary: 'Like a comment (signed-in readers)',
      security: session,
      parameters: [siteId, commentId],
      responses: ok('{ reactions: { like }, mine }'),
    },
    delete: {
      summary: 'Take a like back',
      security: session,
      parameters: [siteId, commentId],
      responses: ok('{ reactions: { like }, mine }'),
    },
  },
  '/v1/admin/sites/{siteId}/feedback': {
    get: {
      summary: "A page's feedback entries with their messages",
      security: admin,
      parameters: [siteId, ...query(AdminFeedbackQuerySchema)],
      responses: ok('{ entries: [{ page, vote, message, at }], nextCursor }'),
    },
  },
  '/v1/admin/sites/{siteId}/feedback.csv': {
    get: {
      summary: 'Every feedback entry of the site as CSV, streamed',
      security: admin,
      parameters: [siteId],
      responses: { '200': { description: 'text/csv' } },
    },
  },
})
