import { randomBytes } from 'node:crypto'
import { NotFoundError } from '../errors.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { type DeliveryDeps, deliverOnce } from './deliver-webhook.js'
import { type DeliveryAttempt, listAttempts, recordAttempt } from './delivery-log.js'
import { markWebhookFailing } from './failing-mark.js'
import { testPayload } from './webhook-payloads.js'

/** @throws NotFoundError when the site has no such webhook */
const webhookOf = (site: SiteConfig, webhookId: string) => {
  const webhook = site.notifications.webhooks.find((w) => w.id === webhookId)
  if (!webhook) throw new NotFoundError(`site ${site.id} has no webhook ${webhookId}`)
  return webhook
}

/**
 * Posts a test event (`webhook.test`) to a webhook now, once, and answers the attempt, which the
 * delivery log keeps too. A success clears the webhook's failing mark: its receiver works again.
 * @throws NotFoundError when the site has no such webhook
 * @throws UnavailableError
 */
export async function sendTestEvent(
  deps: DeliveryDeps,
  site: SiteConfig,
  webhookId: string,
): Promise<DeliveryAttempt> {
  const webhook = webhookOf(site, webhookId)
  const message = {
    messageId: `msg_test_${randomBytes(12).toString('base64url')}`,
    eventType: 'webhook.test',
    payload: testPayload(webhook.format, site.id, webhook.id, deps.clock()),
    attempt: 1,
  }
  const attempt = await deliverOnce(deps, site.id, webhook, message)
  await recordAttempt(deps.store, site.id, webhook.id, attempt)
  if (attempt.ok && webhook.failing)
    await markWebhookFailing(deps.store, site, webhook.id, false, deps.clock())
  return attempt
}

/**
 * A webhook's last attempts, newest first.
 * @throws NotFoundError when the site has no such webhook
 * @throws UnavailableError
 */
export async function listDeliveries(deps: DeliveryDeps, site: SiteConfig, webhookId: string) {
  return listAttempts(deps.store, site.id, webhookOf(site, webhookId).id)
}
