import pLimit from 'p-limit'
import type { CommentRecord } from '../comments/comment-record.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { type DeliveryPlan, type DigestPeriod, deliveryIdOf } from './delivery-plan.js'
import type { NotifierContext } from './notifier-context.js'
import { moderatorRecipients } from './plan-deliveries.js'
import { sendOnce } from './send-once.js'

/** Whether a comment filed for the digest is still worth a moderator's look. */
const stillNews = (site: SiteConfig, c: CommentRecord | undefined): c is CommentRecord =>
  c !== undefined &&
  (c.status === 'pending' || (c.status === 'published' && site.notifications.onNew === 'all'))

/**
 * Sends the moderators' digests of one period (the schedule's `{ "parley": "digest", "period" }`):
 * for each site taking that digest, one mail per moderator with the comments filed since the last
 * one that are still pending (or published, for `onNew: "all"`), oldest first, then the entries sent
 * are removed.
 * A digest is known by its newest entry: run twice, it mails nobody twice; entries filed meanwhile
 * wait for the next one.
 * @returns how many digest mails were sent
 * @throws whatever `deliver` or the store throws (the schedule's retry sends the rest)
 */
export async function runDigest(ctx: NotifierContext, period: DigestPeriod): Promise<number> {
  const { deps, digests, facts } = ctx
  let sent = 0
  for (const site of await deps.sites()) {
    if (site.notifications.digest !== period) continue
    const entries = await digests.list(site.id)
    const newest = entries.at(-1)
    if (!newest) continue
    const limit = pLimit(8)
    const found = await Promise.all(entries.map((e) => limit(() => facts.comment(site.id, e.commentId))))
    const comments = [
      ...new Map(found.filter((c) => stillNews(site, c)).map((c) => [c.id, c])).values(),
    ].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    if (comments.length > 0) {
      for (const recipient of await moderatorRecipients(site, facts)) {
        const plan: DeliveryPlan = {
          kind: 'digest-mail',
          deliveryId: deliveryIdOf(`digest/${newest.sk}`, 'digest-mail', recipient.toHash),
          site,
          ...recipient,
          period,
          comments,
        }
        if ((await sendOnce(ctx, plan)) === 'sent') sent++
      }
    }
    await digests.remove(entries)
  }
  return sent
}
