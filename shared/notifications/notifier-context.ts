import { createDeliveryLedger, type DeliveryLedger } from './delivery-ledger.js'
import { createDigestEntries, type DigestEntries } from './digest-entries.js'
import type { NotifierDeps } from './notifier-deps.js'
import type { PlanningFacts } from './planning-facts.js'

/** The notifier's dependencies with what it builds on them: the ledger, the digest entries, the facts. */
export interface NotifierContext {
  deps: NotifierDeps
  ledger: DeliveryLedger
  digests: DigestEntries
  facts: PlanningFacts
}

/** Built once per process (a cold start, `npm start`), shared by every batch. */
export function createNotifierContext(deps: NotifierDeps): NotifierContext {
  const ledger = createDeliveryLedger(deps.store)
  return {
    deps,
    ledger,
    digests: createDigestEntries(deps.store),
    facts: {
      ...deps.facts,
      attempted: async (siteId, id) => (await ledger.state(siteId, id)) !== undefined,
    },
  }
}
