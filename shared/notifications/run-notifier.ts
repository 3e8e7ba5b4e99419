import { SiteNotFoundError } from '../errors.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { NotificationEvent } from './notification-event.js'
import type { NotifierContext } from './notifier-context.js'
import { planDeliveries } from './plan-deliveries.js'
import { authorOf } from './plan-reader-mail.js'
import { readStreamRecord, sequenceNumberOf } from './read-stream.js'
import { redactError } from './redact-error.js'
import { sendOnce } from './send-once.js'

/** Lambda's partial batch response: the records to hand over again. */
export interface BatchResponse {
  batchItemFailures: { itemIdentifier: string }[]
}

/**
 * Processes one batch of the table's stream in order: each record's events, what to send for
 * each, each delivery sent at most once. A record that fails (a delivery or the store threw) stops
 * the batch: it and every record after it are answered as failures, for the stream to hand over
 * again (Lambda retries from the first one named); what was sent before is in the ledger and is
 * not sent twice. Records that are no notification's business, or do not parse, are passed over.
 * @returns the failed records by sequence number (none: the whole batch is done)
 */
export async function runNotifier(ctx: NotifierContext, records: readonly unknown[]): Promise<BatchResponse> {
  const { deps } = ctx
  const sites = new Map<string, Promise<SiteConfig | undefined>>()
  const siteOf = (id: string) => {
    let site = sites.get(id)
    if (!site) {
      site = deps.site(id).catch((err: unknown) => {
        if (err instanceof SiteNotFoundError) return undefined
        sites.delete(id)
        throw err
      })
      sites.set(id, site)
    }
    return site
  }
  for (const [index, record] of records.entries()) {
    try {
      const read = readStreamRecord(record, deps.clock())
      if (read.skipped) deps.log('warn', 'stream record skipped', { reason: read.skipped })
      for (const event of read.events) {
        const site = await siteOf(event.siteId)
        if (site) await notify(ctx, event, site)
      }
    } catch (err) {
      deps.log('error', 'stream record failed', { error: redactError(err), index })
      return { batchItemFailures: failuresFrom(records.slice(index)) }
    }
  }
  return { batchItemFailures: [] }
}

/** Records a new comment's subscription, then plans and sends what the event calls for. */
async function notify(ctx: NotifierContext, event: NotificationEvent, site: SiteConfig) {
  const { deps, facts } = ctx
  const now = deps.clock()
  if (event.type === 'comment.created' && event.comment.notify && event.comment.status !== 'spam') {
    const author = await authorOf(event.comment, facts)
    if (author) await deps.subscribe(site.id, author.person, event.comment.id, now)
  }
  for (const plan of await planDeliveries(event, site, facts, now)) {
    const outcome = await sendOnce(ctx, plan)
    // The delivery id names its recipient's hash: the event id and kind say enough.
    deps.log('info', 'notification', { kind: plan.kind, event: event.id, outcome })
  }
}

/** The failed records as Lambda names them; one without a sequence number cannot be named, so is not. */
const failuresFrom = (records: readonly unknown[]) =>
  records.flatMap((r) => {
    const itemIdentifier = sequenceNumberOf(r)
    return itemIdentifier ? [{ itemIdentifier }] : []
  })
