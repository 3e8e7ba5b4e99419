import type { CommentRecord } from '../comments/comment-record.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { NotificationEvent } from './notification-event.js'

/** Whom a mail is about: a signed-in reader by user id, anyone else by the keyed hash of their address. */
export type Person = { userId: string } | { emailHash: string }

/** The digest periods a site may choose instead of one moderator mail per comment. */
export type DigestPeriod = 'hourly' | 'daily'

/** Every plan names its site (config as read for the event) and a delivery id unique per (event, kind, recipient). */
interface Planned {
  /** The ledger's key: the same for the same event and recipient however often the event is read. */
  deliveryId: string
  site: SiteConfig
}

/**
 * A mail's recipient: the address to send to, its keyed hash (what caps, suppression and mail-link
 * tokens know it by) and the person whose preferences and unsubscribe link it answers to.
 */
export interface MailRecipient {
  to: string
  toHash: string
  person: Person
}

/**
 * One thing the notifier decided to send, for `deliver` to carry out (`deliver-plan.ts`: the mail
 * composers and a transport for the mail kinds, `webhookJobsFor` + the retry queue for `webhook`):
 * - `moderator-mail`: a new comment for one moderator (`onNew`; never a comment held as spam).
 * - `digest-entry`: the comment waits for the site's next digest instead (`digest` ≠ `off`); the
 *   notifier keeps it in the table itself, it never reaches `deliver`.
 * - `digest-mail`: the comments waiting since the last digest, for one moderator.
 * - `confirmation-mail`: a guest asked to hear of replies; the mail's link confirms the address.
 * - `reply-mail`: a reply to a comment whose author subscribed and confirmed (or is verified).
 * - `webhook`: the event for the site's webhooks that asked for its type (held comments included,
 *   never one held as spam or refused).
 * Mails are counted against the per-address and per-site hourly caps when they are delivered.
 */
export type DeliveryPlan =
  | (Planned & MailRecipient & { kind: 'moderator-mail'; comment: CommentRecord })
  | (Planned & { kind: 'digest-entry'; period: DigestPeriod; commentId: string; at: number })
  | (Planned & MailRecipient & { kind: 'digest-mail'; period: DigestPeriod; comments: CommentRecord[] })
  | (Planned &
      MailRecipient & { kind: 'confirmation-mail'; person: { emailHash: string }; comment: CommentRecord })
  | (Planned & MailRecipient & { kind: 'reply-mail'; parent: CommentRecord; reply: CommentRecord })
  | (Planned & { kind: 'webhook'; event: NotificationEvent })

export type MailPlan = Extract<DeliveryPlan, MailRecipient>

export const isMailPlan = (plan: DeliveryPlan): plan is MailPlan => 'to' in plan

/** A delivery's ledger id: what it is about (an event, a digest), its kind and its recipient. */
export const deliveryIdOf = (about: string, kind: DeliveryPlan['kind'], recipient = '') =>
  `${about}/${kind}${recipient && `/${recipient}`}`
