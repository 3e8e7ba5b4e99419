import type { CommentRecord } from '../comments/comment-record.js'
import type { WebhookEvent } from '../sites/site-schema.js'

/**
 * What happened on a site, as the notifier reads it from the table's stream. `id` is stable for
 * one change of one item (the same when the stream delivers a batch again), so every delivery
 * derived from an event can be keyed by it and sent at most once.
 */
export type NotificationEvent =
  | {
      id: string
      type: Exclude<WebhookEvent, 'feedback.created'>
      siteId: string
      /** Epoch milliseconds of the change. */
      at: number
      comment: CommentRecord
      /** The comment before the change (absent for a new one). */
      previous?: CommentRecord
    }
  | {
      id: string
      type: 'feedback.created'
      siteId: string
      at: number
      feedback: { page: string; vote: 'up' | 'down'; message: string | null }
    }
