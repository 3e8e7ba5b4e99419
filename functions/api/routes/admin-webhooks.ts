import { listDeliveries, sendTestEvent } from '../../../shared/webhooks/send-test-event.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

/** A site's webhooks under `/v1/admin/sites/:siteId/webhooks/:webhookId`: their log, a test event. */
export const adminWebhooksHandlers = (deps: AppDeps) => {
  const delivery = { ...deps, network: deps.webhookNetwork }
  return {
    webhookDeliveries: async (c) =>
      c.json({ deliveries: await listDeliveries(delivery, c.get('site'), c.req.param('webhookId')) }),
    testWebhook: async (c) =>
      c.json({ delivery: await sendTestEvent(delivery, c.get('site'), c.req.param('webhookId')) }),
  } satisfies Partial<OnDemandHandlers>
}
