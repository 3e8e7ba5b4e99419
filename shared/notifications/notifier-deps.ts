import type { Clock } from '../clock.js'
import type { Store } from '../db/store.js'
import type { Logger } from '../log.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { DeliveryPlan, Person } from './delivery-plan.js'
import type { MailCaps } from './mail-caps.js'
import type { PlanningFacts } from './planning-facts.js'

/**
 * What the notifier runs on. The mail and webhook modules' parts come in as functions (see
 * `functions/notifier/create-notifier.ts`): `deliver` is `createDeliverPlan` (composers and a
 * transport for mail plans, `webhookJobsFor` plus the retry queue for webhook plans), the facts are
 * the mail preferences, subscriptions and suppression repositories (`createMailFacts`).
 */
export interface NotifierDeps {
  store: Store
  clock: Clock
  log: Logger
  /** @throws SiteNotFoundError for a site deleted since the event */
  site(siteId: string): Promise<SiteConfig>
  /** Every site (the digest schedule looks for those taking that digest). */
  sites(): Promise<SiteConfig[]>
  facts: Omit<PlanningFacts, 'attempted'>
  /** Records a reader's wish to hear of replies to their comment (idempotent). */
  subscribe(siteId: string, person: Person, commentId: string, now: number): Promise<void>
  /** Sends one planned delivery; throws when it could not (it is then attempted again). */
  deliver(plan: DeliveryPlan): Promise<void>
  caps?: MailCaps
}
