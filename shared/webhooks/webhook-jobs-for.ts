import { sha256 } from '../crypto/mac.js'
import type { NotificationEvent } from '../notifications/notification-event.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { WebhookJob } from './webhook-job.js'
import { payloadFor } from './webhook-payloads.js'

/** The `webhook-id` of an event's delivery to a webhook: the same however often the event is read. */
export const messageIdOf = (eventId: string, webhookId: string) =>
  `msg_${sha256(`${eventId}\n${webhookId}`).slice(0, 32)}`

/**
 * The deliveries an event makes: one job per webhook of the site that asked for its type, each with
 * its payload built in the webhook's format. Schedule each with `queue.schedule(job, 0)`. Its 24 h
 * of retries count from the event (`event.at`), so an event read late from the stream is not retried longer.
 */
export function webhookJobsFor(event: NotificationEvent, site: SiteConfig): WebhookJob[] {
  return site.notifications.webhooks
    .filter((webhook) => webhook.events.includes(event.type))
    .map((webhook) => ({
      siteId: site.id,
      webhookId: webhook.id,
      messageId: messageIdOf(event.id, webhook.id),
      eventType: event.type,
      payload: payloadFor(webhook.format, event),
      attempt: 1,
      firstAttemptAt: event.at,
    }))
}
