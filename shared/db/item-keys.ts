/**
 * Every key of the single table, in one place: base-table keys (`pk`/`sk`) and the partition values
 * of the sparse indexes. A site's items all start `S#<siteId>#`, so no two sites ever share a key.
 * These layouts are what stored data is read by: change one only with a migration.
 */

const site = (siteId: string) => `S#${siteId}`

// Comments and their pages.

export const commentKey = (siteId: string, id: string) => ({ pk: `${site(siteId)}#C#${id}`, sk: 'C' })

/** A page's own item: its comment count, and first in each of its thread indexes. */
export const pageKey = (siteId: string, page: string) => ({ pk: `${site(siteId)}#P#${page}`, sk: 'PAGE' })

/** The page a page's own item is of, from its `pk`. */
export const pageOfPageKey = (pk: string) => pk.split('#P#')[1] ?? ''

/** The partition of a page's thread indexes. */
export const threadKey = (siteId: string, page: string) => `${site(siteId)}#P#${page}`

/** The partition of a site's items of one status in the `by-status` index. */
export const statusKey = (siteId: string, status: string) => `${site(siteId)}#ST#${status}`

export const MEMBER_PREFIX = 'M#'

/**
 * A reply filed under its thread's root, in the root's own partition: what a like on the root
 * re-ranks (read consistently, unlike an index), whatever the reply's status.
 */
export const memberKey = (siteId: string, rootId: string, id: string) => ({
  pk: commentKey(siteId, rootId).pk,
  sk: `${MEMBER_PREFIX}${id}`,
})

/** A signed-in reader's like, in the comment's own partition next to the comment. */
export const likeKey = (siteId: string, commentId: string, userId: string) => ({
  pk: commentKey(siteId, commentId).pk,
  sk: `LIKE#${userId}`,
})

// What a post is checked against.

/** An Idempotency-Key (hashed) and the request it was first used with. */
export const idempotencyKey = (siteId: string, key: string) => ({
  pk: `${site(siteId)}#IDEM#${key}`,
  sk: 'IDEM',
})

/** A fixed-window counter: `key` names what is counted (`ip#…`, `user#…`, `fb#…`). */
export const rateKey = (siteId: string, key: string, window: number) => ({
  pk: `${site(siteId)}#RL#${key}`,
  sk: `W#${window}`,
})

/** A body's fingerprint by author or IP, while it counts as a duplicate. */
export const duplicateKey = (siteId: string, fingerprint: string) => ({
  pk: `${site(siteId)}#DUP#${fingerprint}`,
  sk: 'DUP',
})

/** Where a ban is looked up when a comment is posted: one item per (kind, keyed hash of the value). */
export const banKey = (siteId: string, kind: string, hash: string) => ({
  pk: `${site(siteId)}#BANKEY#${kind}#${hash}`,
  sk: 'BAN',
})

/** A ban as moderators list it, by id. */
export const bansKey = (siteId: string, banId: string) => ({ pk: bansPk(siteId), sk: banId })
export const bansPk = (siteId: string) => `${site(siteId)}#BAN`

// Page feedback.

/** A page's vote counts, next to the page's own item. */
export const feedbackSummaryKey = (siteId: string, page: string) => ({
  pk: `${site(siteId)}#P#${page}`,
  sk: 'FEEDBACK',
})

export const VOTE_PREFIX = 'V#'

/** The partition of a page's votes, one per visitor (hashed). */
export const votesPk = (siteId: string, page: string) => `${site(siteId)}#FB#${page}`
export const voteKey = (siteId: string, page: string, visitor: string) => ({
  pk: votesPk(siteId, page),
  sk: `${VOTE_PREFIX}${visitor}`,
})

// People, moderation, sites.

/** A signed-in reader's record, in their partition with a reference to each of their comments. */
export const userKey = (siteId: string, id: string) => ({ pk: personPk(siteId, { userId: id }), sk: 'USER' })

/** A person's partition: a signed-in reader's by user id, a guest's by keyed hash of their e-mail. */
export const personPk = (siteId: string, person: { userId: string } | { emailHash: string }) =>
  'userId' in person ? `${site(siteId)}#U#${person.userId}` : `${site(siteId)}#E#${person.emailHash}`

export const AUTHOR_REF_PREFIX = 'C#'

/** Files a comment under its author, so their data can be found and erased. */
export const authorRefKey = (
  siteId: string,
  person: { userId: string } | { emailHash: string },
  id: string,
) => ({
  pk: personPk(siteId, person),
  sk: `${AUTHOR_REF_PREFIX}${id}`,
})

/** The partition of a site's audit log, entries sorted by time. */
export const auditPk = (siteId: string) => `${site(siteId)}#AUDIT`

// Notifications (the notifier writes these; the request path only reads and updates them).

/**
 * What a reader asked for by e-mail on a site, in their partition (a guest's by e-mail hash):
 * whether the address is confirmed, which kinds of mail it stopped, when it was last asked to confirm.
 */
export const mailPreferencesKey = (siteId: string, person: { userId: string } | { emailHash: string }) => ({
  pk: personPk(siteId, person),
  sk: 'MAILPREFS',
})

export const SUBSCRIPTION_PREFIX = 'SUB#'

/** A reader's wish to hear of replies to one of their comments, in their partition. */
export const subscriptionKey = (
  siteId: string,
  person: { userId: string } | { emailHash: string },
  commentId: string,
) => ({ pk: personPk(siteId, person), sk: `${SUBSCRIPTION_PREFIX}${commentId}` })

/**
 * One notification sent (or being sent) to one recipient for one event: written before sending
 * with a condition, so a batch the stream delivers again sends nothing twice.
 */
export const deliveryKey = (siteId: string, deliveryId: string) => ({
  pk: `${site(siteId)}#DLV#${deliveryId}`,
  sk: 'DLV',
})

/** A webhook's sealed signing secret, next to its recent deliveries. */
export const webhookSecretKey = (siteId: string, webhookId: string) => ({
  pk: webhookPk(siteId, webhookId),
  sk: 'SECRET',
})
export const webhookPk = (siteId: string, webhookId: string) => `${site(siteId)}#WH#${webhookId}`
export const WEBHOOK_ATTEMPT_PREFIX = 'A#'

/** An OAuth provider's sealed client secret (the config only says `"set"`). */
export const clientSecretKey = (siteId: string, providerId: string) => ({
  pk: `${site(siteId)}#OAUTH#${providerId}`,
  sk: 'SECRET',
})

/** The comments waiting for a site's next moderators' digest, oldest first. */
export const digestPk = (siteId: string) => `${site(siteId)}#DIGEST`

/** One comment waiting for the digest: sorted by when it arrived, then by id. */
export const digestEntryKey = (siteId: string, at: number, commentId: string) => ({
  pk: digestPk(siteId),
  sk: `${String(at).padStart(15, '0')}#${commentId}`,
})

const COMMENT_PK = /^S#([a-z0-9-]{2,64})#C#([^#]{1,64})$/
const VOTES_PK = /^S#([a-z0-9-]{2,64})#FB#/

/**
 * What an item is by its key, as the table's stream hands it over: a comment (`sk` `C`, not the
 * like and thread-member items in its partition) or a page feedback vote. Anything else is undefined.
 */
export function itemOfKey(pk: string, sk: string) {
  const comment = sk === 'C' ? COMMENT_PK.exec(pk) : null
  if (comment?.[1] && comment[2]) return { kind: 'comment', siteId: comment[1], id: comment[2] } as const
  const votes = sk.startsWith(VOTE_PREFIX) ? VOTES_PK.exec(pk) : null
  if (votes?.[1]) return { kind: 'vote', siteId: votes[1] } as const
  return undefined
}

// Sign-in by e-mail.

/**
 * The code mailed to an address for signing in with one of a site's `email` providers, by the
 * address's keyed hash (never the address): one per (site, provider, address), a new code replaces it.
 */
export const signInCodeKey = (siteId: string, providerId: string, addressHash: string) => ({
  pk: `${site(siteId)}#CODE#${providerId}#${addressHash}`,
  sk: 'CODE',
})

/** An address that bounced or complained (SES events): no site sends to it again. */
export const suppressionKey = (emailHash: string) => ({ pk: `SUPPRESSED#${emailHash}`, sk: 'SUPPRESSED' })

/** All sites share one partition: a deployment has a handful, and the admin lists them in one Query. */
export const SITES_PK = 'SITES'
export const siteKey = (id: string) => ({ pk: SITES_PK, sk: `SITE#${id}` })

// Sign-in.

/**
 * Parley's app registered on one Mastodon server for one callback URL (a site's provider on one API
 * origin): the server's partition holds one item per callback URL.
 */
export const mastodonAppKey = (siteId: string, server: string, redirectUri: string) => ({
  pk: `${site(siteId)}#MASTODON#${server}`,
  sk: `APP#${redirectUri}`,
})
