import type { Config } from '../../shared/config.js'
import type { Mailer } from '../../shared/mail/mail-message.js'
import { createDeliverPlan } from '../../shared/notifications/deliver-plan.js'
import { createDeliveryLedger } from '../../shared/notifications/delivery-ledger.js'
import { createMailFacts, withoutMail } from '../../shared/notifications/mail-facts.js'
import { createNotifierContext } from '../../shared/notifications/notifier-context.js'
import type { WebhookJobDeps } from '../../shared/webhooks/process-webhook-job.js'
import type { WebhookRetryQueue } from '../../shared/webhooks/retry-queue.js'
import { parseWebhookJob, type WebhookJob } from '../../shared/webhooks/webhook-job.js'
import type { WebhookNetwork } from '../../shared/webhooks/webhook-target.js'
import { createNotifierBase, createNotifierDeps, type NotifierDepsOptions } from './create-notifier-deps.js'
import type { HandlerDeps } from './notifier-handler.js'

/** How one deployment of the notifier reaches the world. */
export interface NotifierWiring<Q extends WebhookRetryQueue = WebhookRetryQueue> {
  /** The API's absolute origin, for the links in mails. */
  apiOrigin: string
  /** SMTP or the outbox locally, SES in AWS; undefined: this deployment sends webhooks only. */
  mailer: Mailer | undefined
  /** The deployment's From (`MAIL_FROM`), when a site names none. */
  defaultFrom?: string | undefined
  /** How webhook hosts are resolved, and whether loopback receivers are allowed. */
  network: WebhookNetwork
  /** The queue new webhook jobs and their retries go to, given what runs a job taken off it. */
  queue(run: (job: WebhookJob) => Promise<unknown>): Q
}

/**
 * The whole notifier of one process: its context (for stream batches and digests), what the
 * handler hands webhook jobs and SES suppressions to, and the queue. The mail module's
 * repositories answer the facts; W's `processWebhookJob` is loaded with the first job, so a batch
 * that queues none never pays for it.
 */
export function createNotifier<Q extends WebhookRetryQueue>(
  config: Config,
  wiring: NotifierWiring<Q>,
  options: NotifierDepsOptions,
) {
  const base = createNotifierBase(config, options)
  const { store, keys, sites, clock, log } = base
  const run = async (job: WebhookJob) => {
    const { processWebhookJob } = await import('../../shared/webhooks/process-webhook-job.js')
    return processWebhookJob(job, jobDeps)
  }
  const queue = wiring.queue(run)
  const jobDeps: WebhookJobDeps = {
    store,
    keys,
    clock,
    log,
    network: wiring.network,
    sites,
    ledger: createDeliveryLedger(store),
    queue,
  }
  const mailFacts = createMailFacts(store)
  const mail = wiring.mailer ? mailFacts : withoutMail(mailFacts)
  const deliver = createDeliverPlan({ ...wiring, keys, clock, log, queue })
  const ctx = createNotifierContext(
    createNotifierDeps(base, { facts: mail.facts, subscribe: mail.subscribe, deliver }),
  )
  const handlerDeps: HandlerDeps = {
    async processWebhookJob(body) {
      let job: WebhookJob
      try {
        job = parseWebhookJob(body)
      } catch {
        // A message that is not a job never will be: dropping it beats retrying it into the DLQ.
        log('warn', 'webhook message is not a job: dropped')
        return
      }
      await run(job)
    },
    suppress: mailFacts.suppress,
  }
  return { ctx, handlerDeps, queue }
}
