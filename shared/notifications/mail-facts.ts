import type { Store } from '../db/store.js'
import { createMailPreferences } from '../mail/mail-preferences.js'
import { createSubscriptions } from '../mail/subscriptions.js'
import { createSuppressionList } from '../mail/suppression-list.js'
import type { Person } from './delivery-plan.js'
import type { MailStanding, PlanningFacts, StoppableMail } from './planning-facts.js'
import type { SuppressionReason } from './ses-events.js'

const KINDS: readonly StoppableMail[] = ['replies', 'moderation']

/** The facts the mail module's repositories answer, and the two writes the notifier makes to them. */
export interface MailFacts {
  facts: Pick<PlanningFacts, 'standing' | 'isSubscribed' | 'isSuppressed' | 'claimConfirmationMail'>
  subscribe(siteId: string, person: Person, commentId: string, now: number): Promise<void>
  suppress(emailHash: string, reason: SuppressionReason, now: number): Promise<void>
}

/**
 * The notifier's view of the mail module's tables: a person's standing read from their mail
 * preferences (confirmed once the link was followed; each kind of mail stopped by an unsubscribe
 * link), their subscriptions, the suppression list, and the daily confirmation claim.
 * @throws UnavailableError from any of them when the store fails
 */
export function createMailFacts(store: Store): MailFacts {
  const preferences = createMailPreferences(store)
  const subscriptions = createSubscriptions(store)
  const suppression = createSuppressionList(store)
  return {
    facts: {
      async standing(siteId, person): Promise<MailStanding> {
        const p = await preferences.get(siteId, person)
        return { confirmed: p.confirmedAt !== null, stopped: KINDS.filter((k) => p.stopped[k] !== null) }
      },
      isSubscribed: (siteId, person, commentId) => subscriptions.isSubscribed(siteId, person, commentId),
      isSuppressed: (emailHash) => suppression.isSuppressed(emailHash),
      claimConfirmationMail: (siteId, person, now) => preferences.claimConfirmationMail(siteId, person, now),
    },
    subscribe: (siteId, person, commentId, now) => subscriptions.subscribe(siteId, person, commentId, now),
    suppress: (emailHash, reason, now) => suppression.suppress(emailHash, reason, now),
  }
}

/**
 * The facts of a deployment that sends no mail (no `MAIL_FROM`): every address counts as one not
 * to mail, so no mail is planned at all (no ledger entry, no cap counted, no confirmation claim
 * taken that a later deployment with mail would then miss). Webhooks are planned as ever.
 */
export function withoutMail(mail: MailFacts): MailFacts {
  return { ...mail, facts: { ...mail.facts, isSuppressed: async () => true } }
}
