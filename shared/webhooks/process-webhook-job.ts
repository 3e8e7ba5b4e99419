import { SiteNotFoundError } from '../errors.js'
import type { Logger } from '../log.js'
import type { DeliveryLedger } from '../notifications/delivery-ledger.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { type DeliveryDeps, deliverOnce } from './deliver-webhook.js'
import { recordAttempt } from './delivery-log.js'
import { markWebhookFailing } from './failing-mark.js'
import type { WebhookRetryQueue } from './retry-queue.js'
import { nextRetryDelay } from './retry-schedule.js'
import type { WebhookJob } from './webhook-job.js'

export interface WebhookJobDeps extends DeliveryDeps {
  log: Logger
  sites: { get(id: string): Promise<SiteConfig> }
  ledger: DeliveryLedger
  queue: WebhookRetryQueue
  random?: () => number
}

/**
 * What became of a job: posted; failed and queued again; failed for 24 h (the webhook marked
 * failing); already sent or being sent by another (nothing posted); for a site or webhook that no
 * longer exists; or queued again as its time has not come.
 */
export type JobOutcome = 'sent' | 'retrying' | 'gave-up' | 'duplicate' | 'gone' | 'deferred'

/** The ledger's id of a message's delivery: one per (event, webhook), whatever the attempt. */
export const webhookDeliveryId = (messageId: string) => `webhook:${messageId}`

/**
 * Makes one attempt of a webhook job. The message is claimed in the delivery ledger first, so a
 * message that was delivered is never posted again (a queue delivering the job twice, two
 * processes racing, a retry after a crash), and completed as soon as the receiver took it. The
 * attempt goes to the webhook's delivery log; a failure queues the next attempt with backoff
 * (`webhook-id` unchanged) until 24 h after the first, then marks the webhook failing. A success
 * clears that mark.
 * @throws UnavailableError when the store fails; the claim is given back first when it can be
 */
export async function processWebhookJob(job: WebhookJob, deps: WebhookJobDeps): Promise<JobOutcome> {
  const now = deps.clock()
  if (job.notBefore !== undefined && job.notBefore > now) {
    await deps.queue.schedule(job, job.notBefore - now)
    return 'deferred'
  }
  const site = await deps.sites.get(job.siteId).catch((err: unknown) => {
    if (err instanceof SiteNotFoundError) return undefined
    throw err
  })
  const webhook = site?.notifications.webhooks.find((w) => w.id === job.webhookId)
  if (!site || !webhook) return 'gone'
  const deliveryId = webhookDeliveryId(job.messageId)
  if (!(await deps.ledger.claim(site.id, deliveryId, now))) return 'duplicate'

  const attempt = await deliverOnce(deps, site.id, webhook, job).catch(async (err: unknown) => {
    await deps.ledger.release(site.id, deliveryId).catch(() => {})
    throw err
  })
  // First of all once it is out: from here on, no retry posts it again. (Should this write fail,
  // the claim stays held: a retry within the lease posts nothing; one after it posts the same
  // `webhook-id` again, which receivers deduplicate by.)
  if (attempt.ok) await deps.ledger.complete(site.id, deliveryId, deps.clock())
  else await deps.ledger.release(site.id, deliveryId)
  await recordAttempt(deps.store, site.id, webhook.id, attempt)
  const fields = { siteId: site.id, webhookId: webhook.id, messageId: job.messageId, attempt: job.attempt }
  if (attempt.ok) {
    if (webhook.failing) await markWebhookFailing(deps.store, site, webhook.id, false, deps.clock())
    return 'sent'
  }
  const delay = nextRetryDelay(job.attempt, job.firstAttemptAt, deps.clock(), deps.random)
  if (delay === undefined) {
    await markWebhookFailing(deps.store, site, webhook.id, true, deps.clock())
    deps.log('warn', 'webhook delivery failed for 24 h: webhook marked failing', {
      ...fields,
      error: attempt.error,
    })
    return 'gave-up'
  }
  deps.log('info', 'webhook delivery failed, retrying', {
    ...fields,
    error: attempt.error,
    status: attempt.status,
    delay,
  })
  await deps.queue.schedule({ ...job, attempt: job.attempt + 1 }, delay)
  return 'retrying'
}
