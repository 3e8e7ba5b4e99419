import { Webhook as Signer } from 'standardwebhooks'
import type { Clock } from '../clock.js'
import type { Keys } from '../crypto/keys.js'
import type { Store } from '../db/store.js'
import type { Webhook } from '../sites/site-schema.js'
import type { DeliveryAttempt } from './delivery-log.js'
import { type PostOutcome, postWebhook } from './post-webhook.js'
import { readWebhookSecret } from './webhook-secrets.js'
import { resolveWebhookTarget, type WebhookNetwork, WebhookTargetError } from './webhook-target.js'

export interface DeliveryDeps {
  store: Store
  keys: Keys
  clock: Clock
  network: WebhookNetwork
  /** Overrides the post's time limit (tests of slow receivers). */
  timeoutMs?: number
}

/** One message to post: its stable id (the `webhook-id`), what it is, its body. */
export interface Message {
  messageId: string
  eventType: string
  payload: Record<string, unknown>
  attempt: number
}

/** Standard Webhooks' headers for a body: signed with the webhook's secret over `id.timestamp.body`. */
function signedHeaders(secret: string, messageId: string, now: number, body: string) {
  const timestamp = new Date(now)
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(now / 1000)),
    'webhook-signature': new Signer(secret).sign(messageId, timestamp, body),
  }
}

/**
 * Makes one attempt to post a message to a webhook: its URL resolved and checked again (a host that
 * now resolves to a private address is refused, and the post connects to the address checked),
 * `standard` deliveries signed. Answers the attempt as the delivery log keeps it.
 * @throws UnavailableError when the secret cannot be read
 */
export async function deliverOnce(deps: DeliveryDeps, siteId: string, webhook: Webhook, message: Message) {
  const started = deps.clock()
  const attempt = (outcome: Omit<PostOutcome, 'durationMs'> & { durationMs?: number }): DeliveryAttempt => ({
    messageId: message.messageId,
    eventType: message.eventType,
    attempt: message.attempt,
    at: new Date(started).toISOString(),
    ok: outcome.error === null,
    status: outcome.status,
    durationMs: Math.round(outcome.durationMs ?? 0),
    error: outcome.error,
  })
  let target: Awaited<ReturnType<typeof resolveWebhookTarget>>
  try {
    target = await resolveWebhookTarget(webhook.url, deps.network)
  } catch (err) {
    return attempt({ status: null, error: err instanceof WebhookTargetError ? err.reason : 'url' })
  }
  const body = JSON.stringify(message.payload)
  let headers: Record<string, string> = {}
  if (webhook.format === 'standard') {
    const secret = await readWebhookSecret(deps.store, deps.keys, siteId, webhook.id)
    if (secret === undefined) return attempt({ status: null, error: 'secret' })
    headers = signedHeaders(secret, message.messageId, deps.clock(), body)
  }
  return attempt(
    await postWebhook(target, body, headers, { ...(deps.timeoutMs && { timeoutMs: deps.timeoutMs }) }),
  )
}
