import type { CommentRecord } from '../comments/comment-record.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { type DeliveryPlan, deliveryIdOf, type Person } from './delivery-plan.js'
import type { NotificationEvent } from './notification-event.js'
import type { PlanningFacts } from './planning-facts.js'

type CommentEvent = Extract<NotificationEvent, { comment: CommentRecord }>

/**
 * Who a comment's author is to the mail module: a signed-in reader by user id (mailed at the
 * verified address of their user record), a guest by the hash of their address; with the address
 * their mail would go to (none: nothing can be mailed).
 * @throws whatever reading the user record throws
 */
export async function authorOf(c: CommentRecord, facts: Pick<PlanningFacts, 'hashEmail' | 'userEmail'>) {
  const to = c.userId ? await facts.userEmail(c.siteId, c.userId) : c.author?.email
  if (!to) return undefined
  const toHash = facts.hashEmail(to)
  const person: Person = c.userId ? { userId: c.userId } : { emailHash: toHash }
  return { to, toHash, person }
}

/**
 * The one confirmation mail of a guest who posted with `notify: true` and an address not yet
 * confirmed for the site, at most one per address per 24 h (none when the site sends no reply mail). Signed-in readers need none: their
 * provider verified the address.
 * @throws whatever a fact lookup throws
 */
export async function planConfirmationMail(
  event: CommentEvent,
  site: SiteConfig,
  facts: PlanningFacts,
  now: number,
): Promise<DeliveryPlan[]> {
  const { comment } = event
  if (!site.notifications.replies || !comment.notify || comment.userId) return []
  const author = await authorOf(comment, facts)
  if (!author) return []
  const person = { emailHash: author.toHash }
  if (await facts.isSuppressed(author.toHash)) return []
  if ((await facts.standing(site.id, person)).confirmed) return []
  const deliveryId = deliveryIdOf(event.id, 'confirmation-mail', author.toHash)
  const claimed =
    (await facts.claimConfirmationMail(site.id, person, now)) || (await facts.attempted(site.id, deliveryId))
  if (!claimed) return []
  return [{ kind: 'confirmation-mail', deliveryId, site, ...author, person, comment }]
}

/** Whether two comments were written by the same person (same user, or same address). */
async function sameAuthor(
  parentHash: string,
  parent: CommentRecord,
  reply: CommentRecord,
  facts: PlanningFacts,
) {
  if (parent.userId && parent.userId === reply.userId) return true
  const replier = await authorOf(reply, facts)
  return replier?.toHash === parentHash
}

/**
 * The reply mail to the author of a published reply's parent, when the site sends reply mail and
 * that author subscribed to the parent, confirmed the address (or signed in with a verified one),
 * never stopped reply mail and never bounced; never to the reply's own author. Sent once per reply:
 * a reply published again after being deleted (restored) mails nobody again.
 * @throws whatever a fact lookup throws
 */
export async function planReplyMail(
  event: CommentEvent,
  site: SiteConfig,
  facts: PlanningFacts,
): Promise<DeliveryPlan[]> {
  const reply = event.comment
  if (!site.notifications.replies || reply.parentId === null) return []
  if (event.previous?.status === 'deleted') return []
  const parent = await facts.comment(site.id, reply.parentId)
  if (parent?.status !== 'published' || !parent.notify) return []
  const author = await authorOf(parent, facts)
  if (!author || (await sameAuthor(author.toHash, parent, reply, facts))) return []
  if (await facts.isSuppressed(author.toHash)) return []
  if (!(await facts.isSubscribed(site.id, author.person, parent.id))) return []
  const standing = await facts.standing(site.id, author.person)
  const optedIn = 'userId' in author.person || standing.confirmed
  if (!optedIn || standing.stopped.includes('replies')) return []
  const deliveryId = deliveryIdOf(event.id, 'reply-mail', author.toHash)
  return [{ kind: 'reply-mail', deliveryId, site, ...author, parent, reply }]
}
