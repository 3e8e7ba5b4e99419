import { createSubscriptions } from '../../../shared/mail/subscriptions.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'
import { signedIn } from './signed-in.js'

/** A signed-in reader's reply subscriptions under `/v1/sites/:siteId/me/subscriptions`: list, stop all. */
export const meSubscriptionsHandlers = (deps: AppDeps) => {
  const subscriptions = createSubscriptions(deps.store)
  return {
    listSubscriptions: async (c) => {
      const found = await subscriptions.list(c.get('site').id, { userId: signedIn(c).userId })
      return c.json({
        subscriptions: found.map((s) => ({ commentId: s.commentId, since: new Date(s.since).toISOString() })),
      })
    },
    stopSubscriptions: async (c) => {
      await subscriptions.stopAll(c.get('site').id, { userId: signedIn(c).userId })
      return c.body(null, 204)
    },
  } satisfies Partial<OnDemandHandlers>
}
