import type { CommentRecord } from '../comments/comment-record.js'
import type { Person } from './delivery-plan.js'

/** The kinds of mail a reader or moderator can stop with a mail's unsubscribe link. */
export type StoppableMail = 'replies' | 'moderation'

/** Where an address stands with a site: confirmed (double opt-in), and which kinds of mail it stopped. */
export interface MailStanding {
  confirmed: boolean
  stopped: readonly StoppableMail[]
}

/**
 * What deciding on deliveries looks up, as functions (the mail preferences, subscriptions and
 * suppression list are the mail module's repositories; the notifier only reads them, but for the
 * two writes named below).
 */
export interface PlanningFacts {
  /** The keyed hash an address is known by (`keyedHash(keys, 'email', address)`). */
  hashEmail(address: string): string
  /** A signed-in reader's e-mail, present only when their provider verified it. */
  userEmail(siteId: string, userId: string): Promise<string | undefined>
  /** A comment as it is now (a reply's parent). */
  comment(siteId: string, id: string): Promise<CommentRecord | undefined>
  standing(siteId: string, person: Person): Promise<MailStanding>
  isSubscribed(siteId: string, person: Person, commentId: string): Promise<boolean>
  /** Whether the address bounced or complained (SES): nothing is sent to it, from any site. */
  isSuppressed(emailHash: string): Promise<boolean>
  /**
   * Takes the address's one confirmation mail of the day (a write: conditional, at most one per
   * address per 24 h). `false` when one was already sent.
   */
  claimConfirmationMail(siteId: string, person: Person, now: number): Promise<boolean>
  /**
   * Whether the delivery ledger has seen this delivery before: a confirmation whose claim an earlier
   * run took, and which that run failed to send, is planned again (the claim says no this time).
   */
  attempted(siteId: string, deliveryId: string): Promise<boolean>
}
