import * as z from 'zod/mini'
import type { NotifierContext } from '../../shared/notifications/notifier-context.js'
import { redactError } from '../../shared/notifications/redact-error.js'
import { runDigest } from '../../shared/notifications/run-digest.js'
import { runNotifier } from '../../shared/notifications/run-notifier.js'
import { isSesEvent, type SuppressionReason, suppressionsOf } from '../../shared/notifications/ses-events.js'

/** What the handler hands to the webhook and mail modules (`createNotifier` wires W's and M's functions). */
export interface HandlerDeps {
  /** One attempt at one webhook job from the retry queue (W's `processWebhookJob`). */
  processWebhookJob(job: unknown): Promise<void>
  /** Adds an address, by its keyed hash, to the suppression list (M's `suppress`). */
  suppress(emailHash: string, reason: SuppressionReason, now: number): Promise<void>
}

const RecordsSchema = z.object({ Records: z.array(z.unknown()) })
const SqsRecordSchema = z.object({
  eventSource: z.literal('aws:sqs'),
  messageId: z.string(),
  body: z.string(),
})
const DigestSchema = z.object({ parley: z.literal('digest'), period: z.enum(['hourly', 'daily']) })

/**
 * The notifier Lambda's body, routing each kind of event it is invoked with: the table's stream
 * (partial batch response), the webhook retry queue's messages (partial batch response), the
 * digest schedule, SES's bounce and complaint events. Anything else is logged and ignored.
 */
export function createNotifierHandler(ctx: NotifierContext, deps: HandlerDeps) {
  const { log, clock } = ctx.deps
  return async (event: unknown) => {
    const records = RecordsSchema.safeParse(event)
    if (records.success) {
      const sqs = records.data.Records.map((r) => SqsRecordSchema.safeParse(r))
      if (sqs.length > 0 && sqs.every((r) => r.success)) {
        const batchItemFailures: { itemIdentifier: string }[] = []
        for (const { data } of sqs) {
          if (!data) continue
          let job: unknown
          try {
            job = JSON.parse(data.body)
          } catch {
            // A body that is not JSON never will be: dropping it beats retrying it into the DLQ.
            log('warn', 'webhook job is not JSON', { messageId: data.messageId })
            continue
          }
          await deps.processWebhookJob(job).catch((err: unknown) => {
            log('error', 'webhook job failed', { messageId: data.messageId, error: redactError(err) })
            batchItemFailures.push({ itemIdentifier: data.messageId })
          })
        }
        return { batchItemFailures }
      }
      return runNotifier(ctx, records.data.Records)
    }
    const digest = DigestSchema.safeParse(event)
    if (digest.success) {
      const sent = await runDigest(ctx, digest.data.period)
      log('info', 'digest sent', { period: digest.data.period, mails: sent })
      return { sent }
    }
    if (isSesEvent(event)) {
      const suppressions = suppressionsOf(event)
      for (const { address, reason } of suppressions)
        await deps.suppress(ctx.facts.hashEmail(address), reason, clock())
      log('info', 'ses event', { suppressed: suppressions.length })
      return { suppressed: suppressions.length }
    }
    log('warn', 'notifier event not understood')
    return undefined
  }
}
