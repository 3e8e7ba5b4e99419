import type { Clock } from '../clock.js'
import type { Logger } from '../log.js'
import type { Mailer } from '../mail/mail-message.js'
import { MailNotSentError } from '../mail/mail-not-sent-error.js'
import type { WebhookRetryQueue } from '../webhooks/retry-queue.js'
import type { PlanMailOptions } from './compose-plan-mail.js'
import { type DeliveryPlan, isMailPlan } from './delivery-plan.js'

export interface DeliverPlanOptions extends PlanMailOptions {
  clock: Clock
  log: Logger
  /** How mail leaves: SMTP or the outbox locally, SES in AWS; none in a deployment without mail. */
  mailer: Mailer | undefined
  /** Where webhook jobs wait for their attempt (the timer queue locally, SQS in AWS). */
  queue: WebhookRetryQueue
}

/**
 * The notifier's `deliver`: a mail plan composed (see {@link composePlanMail}) and sent with the
 * mailer; a webhook plan turned into one job per webhook that asked for the event, queued at once
 * (the stream never waits on a receiver). A mail the transport refused for good (a 5xx, SES's
 * MessageRejected) is logged and counted as done: sending it again cannot help, and failing the
 * record would hold the stream for its retries. A temporary refusal throws, so the record fails
 * and is read again; the ledger keeps what was sent from going twice.
 * @throws MailNotSentError (temporary), whatever the queue throws
 */
export function createDeliverPlan(options: DeliverPlanOptions) {
  const { mailer, queue, log, clock } = options
  return async (plan: DeliveryPlan): Promise<void> => {
    // The composers (six languages) and the webhook payloads load with the first delivery of
    // each: most stream batches deliver nothing, and a cold start should not pay for them.
    if (plan.kind === 'webhook') {
      const { webhookJobsFor } = await import('../webhooks/webhook-jobs-for.js')
      for (const job of webhookJobsFor(plan.event, plan.site)) await queue.schedule(job, 0)
      return
    }
    if (!isMailPlan(plan)) return
    // Neither the address nor its hash (the delivery id holds it) goes to the log.
    const fields = { kind: plan.kind, siteId: plan.site.id }
    if (!mailer) {
      log('warn', 'mail not sent: this deployment sends no mail', fields)
      return
    }
    const { composePlanMail } = await import('./compose-plan-mail.js')
    const message = await composePlanMail(plan, options, clock())
    try {
      await mailer.send(message)
    } catch (err) {
      if (!(err instanceof MailNotSentError) || !err.permanent) throw err
      log('warn', 'mail refused for good: not sent again', {
        ...fields,
        transport: err.transport,
        failure: err.failure,
      })
    }
  }
}
