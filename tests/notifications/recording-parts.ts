import type { NotifierParts } from '../../functions/notifier/create-notifier-deps.js'
import type { Store } from '../../shared/db/store.js'
import { createMailPreferences } from '../../shared/mail/mail-preferences.js'
import { createSubscriptions } from '../../shared/mail/subscriptions.js'
import type { DeliveryPlan, Person } from '../../shared/notifications/delivery-plan.js'
import { createMailFacts } from '../../shared/notifications/mail-facts.js'
import type { StoppableMail } from '../../shared/notifications/planning-facts.js'

/**
 * The notifier's parts with the mail module's real repositories on the test's table (preferences,
 * subscriptions, suppression), and a `deliver` that records every plan handed to it, throwing for
 * those `failWhen` picks: what these tests look at is what the notifier decides, not the mail.
 */
export function recordingParts(store: Store, clock: () => number = Date.now) {
  const mail = createMailFacts(store)
  const preferences = createMailPreferences(store)
  const delivered: DeliveryPlan[] = []
  const attempts: DeliveryPlan[] = []
  const deliveredAt: number[] = []
  let failWhen: (plan: DeliveryPlan, attempt: number) => boolean = () => false
  const parts: NotifierParts = {
    facts: mail.facts,
    subscribe: mail.subscribe,
    deliver: async (plan) => {
      attempts.push(plan)
      // As an SMTP server answers: the address is quoted, and must not reach the logs.
      if (failWhen(plan, attempts.length))
        throw new Error(`550 <${'to' in plan ? plan.to : ''}> mailbox unavailable`)
      delivered.push(plan)
      deliveredAt.push(Date.now())
    },
  }
  return {
    parts,
    delivered,
    deliveredAt,
    attempts,
    /** The comments the person is subscribed to on the site, as the mail module lists them. */
    subscriptions: async (siteId: string, person: Person) =>
      (await createSubscriptions(store).list(siteId, person)).map((s) => s.commentId),
    /** The confirmation link followed. */
    confirm: (siteId: string, person: Person) => preferences.confirm(siteId, person, clock()),
    /** An unsubscribe link followed. */
    stop: (siteId: string, person: Person, kind: StoppableMail) =>
      preferences.stop(siteId, person, kind, clock()),
    /** A bounce or complaint from SES. */
    suppress: (hash: string) => mail.suppress(hash, 'bounce', clock()),
    failWhen: (pick: typeof failWhen) => {
      failWhen = pick
    },
  }
}

export type RecordingParts = ReturnType<typeof recordingParts>
