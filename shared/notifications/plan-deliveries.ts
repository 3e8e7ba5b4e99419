import type { CommentRecord } from '../comments/comment-record.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { type DeliveryPlan, deliveryIdOf, type MailRecipient } from './delivery-plan.js'
import type { NotificationEvent } from './notification-event.js'
import { planConfirmationMail, planReplyMail } from './plan-reader-mail.js'
import type { PlanningFacts } from './planning-facts.js'

type CommentEvent = Extract<NotificationEvent, { comment: CommentRecord }>

/** Held as spam or refused: nobody outside moderation hears of it, by mail or webhook. */
const isRefused = (c: CommentRecord) => c.status === 'spam' || c.status === 'rejected'

/**
 * What to send for one event of a site: mails to moderators (or digest entries), the confirmation
 * mail of a guest who asked to hear of replies, the reply mail to a parent's subscribed author, and
 * the webhook deliveries. Reads what it needs through `facts`; the one write it may make is the
 * address's daily confirmation claim.
 * @throws whatever a fact lookup throws (UnavailableError): the event is then read again later
 */
export async function planDeliveries(
  event: NotificationEvent,
  site: SiteConfig,
  facts: PlanningFacts,
  now: number,
): Promise<DeliveryPlan[]> {
  const plans: DeliveryPlan[] = []
  if (event.type !== 'feedback.created') {
    const refused = isRefused(event.comment) || (event.previous !== undefined && isRefused(event.previous))
    if (refused && event.type !== 'comment.published') return []
    if (event.type === 'comment.created') {
      plans.push(...(await planModeratorMail(event, site, facts)))
      plans.push(...(await planConfirmationMail(event, site, facts, now)))
    }
    if (event.type === 'comment.published') plans.push(...(await planReplyMail(event, site, facts)))
  }
  if (site.notifications.webhooks.some((w) => w.events.includes(event.type)))
    plans.push({ kind: 'webhook', deliveryId: deliveryIdOf(event.id, 'webhook'), site, event })
  return plans
}

/** Whether `onNew` asks moderators to hear of a comment created with this status. */
const moderatorsWant = (site: SiteConfig, c: CommentRecord) =>
  site.notifications.onNew === 'all'
    ? c.status === 'pending' || c.status === 'published'
    : site.notifications.onNew === 'pending' && c.status === 'pending'

/** One mail per moderator address, or one digest entry when the site's moderators take a digest. */
async function planModeratorMail(
  event: CommentEvent,
  site: SiteConfig,
  facts: PlanningFacts,
): Promise<DeliveryPlan[]> {
  const { comment } = event
  if (!moderatorsWant(site, comment)) return []
  const { digest } = site.notifications
  if (digest !== 'off') {
    const deliveryId = deliveryIdOf(event.id, 'digest-entry')
    return [{ kind: 'digest-entry', deliveryId, site, period: digest, commentId: comment.id, at: event.at }]
  }
  const recipients = await moderatorRecipients(site, facts)
  return recipients.map((r) => ({
    kind: 'moderator-mail',
    deliveryId: deliveryIdOf(event.id, 'moderator-mail', r.toHash),
    site,
    ...r,
    comment,
  }))
}

/**
 * The site's moderator addresses that still take moderation mail: not suppressed, not stopped.
 * @throws whatever a fact lookup throws
 */
export async function moderatorRecipients(site: SiteConfig, facts: PlanningFacts): Promise<MailRecipient[]> {
  const recipients: MailRecipient[] = []
  for (const to of new Set(site.notifications.moderatorEmails)) {
    const toHash = facts.hashEmail(to)
    const person = { emailHash: toHash }
    if (await facts.isSuppressed(toHash)) continue
    if ((await facts.standing(site.id, person)).stopped.includes('moderation')) continue
    recipients.push({ to, toHash, person })
  }
  return recipients
}
