import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { banKey, commentKey, duplicateKey, idempotencyKey } from '../db/item-keys.js'
import { type RateLimit, rateLimitUpdate } from '../db/rate-limit.js'
import { CONFLICT, retryOnConflict } from '../db/retry-on-conflict.js'
import type { Store } from '../db/store.js'
import { type TransactItem, transactWrite } from '../db/transact.js'
import { toItem } from './comment-item.js'
import { type CommentRecord, isInThread } from './comment-record.js'
import { likesUnchanged, memberItem, readThreadRoot } from './thread-members.js'
import { type RankSource, rankOf, rootIdOf } from './thread-rank.js'
import { pageCountUpdate, parentUpdate } from './thread-updates.js'

export interface InsertOptions {
  pageTitle?: string | undefined
  /** Remembers the request under its Idempotency-Key (already hashed) until `expiresAt` (epoch s). */
  idempotency?: { key: string; requestHash: string; expiresAt?: number | undefined } | undefined
  /** Fixed-window counters (per IP, per user): the post fails when one is at its limit. */
  rateLimits: RateLimit[]
  /** Ban entries (kind and keyed hash) that must be absent or expired. */
  bans: { kind: string; hash: string }[]
  /** Fingerprints of this body by author and by IP: a live one makes the post a duplicate. */
  duplicates: { fingerprints: string[]; expiresAt: number }
  /** Now, in epoch seconds, for expiries that TTL has not swept yet. */
  nowSeconds: number
  /** Items written with the comment (its author references). */
  alsoPut?: Record<string, unknown>[]
  /**
   * The parent's own thread paths, when the parent may not be in its thread yet (an imported reply
   * to a deleted comment makes that comment a tombstone).
   */
  parentPaths?: { oldest: string; newest: string } | undefined
  /** A reply's thread root, when the caller read it already: else it is read here. */
  threadRoot?: RankSource | undefined
}

export type InsertOutcome =
  | 'inserted'
  | 'idempotency-key-taken'
  | 'rate-limited'
  | 'banned'
  | 'duplicate'
  | 'parent-gone'

/** Why one attempt failed: also because a like moved the reply's thread while it was being written. */
type Attempt = InsertOutcome | 'thread-moved'

/**
 * Writes a new comment in one TransactWriteItems: the comment, its page's counter, its parent's
 * reply count, the idempotency record, the rate-limit counts, the duplicate fingerprints, and a
 * check of every ban that could apply. All or nothing; no extra request for any guard.
 * A reply takes its thread's rank in the `top` sort from the root, on the condition that the root's
 * likes have not moved meanwhile (else it is written again with the new rank), and is filed under
 * the root so that the root's next like moves it too.
 * @throws UnavailableError when the store is unreachable, or likes keep moving the thread
 */
export async function insertComment(
  store: Store,
  c: CommentRecord,
  options: InsertOptions,
): Promise<InsertOutcome> {
  let root = c.parentId === null ? undefined : (options.threadRoot ?? (await readThreadRoot(store, c)))
  return retryOnConflict(async () => {
    const outcome = await insertOnce(store, c, options, root)
    if (outcome !== 'thread-moved' && outcome !== 'parent-gone') return outcome
    // Only a reply's thread moves; when its root's likes did not, it was the parent that failed.
    const now = root && (await readThreadRoot(store, c))
    if (!root || !now || rankOf(now).version === rankOf(root).version) return 'parent-gone'
    root = now
    return CONFLICT
  })
}

async function insertOnce(
  store: Store,
  comment: CommentRecord,
  options: InsertOptions,
  root?: RankSource,
): Promise<Attempt> {
  const { tableName: TableName } = store
  const c = root ? { ...comment, rank: rankOf(root) } : comment
  const now = options.nowSeconds
  const tagged: { outcome: Attempt; item: TransactItem }[] = []
  const add = (outcome: Attempt, item: TransactItem) => tagged.push({ outcome, item })

  add('inserted', { Put: { TableName, Item: toItem(c), ConditionExpression: 'attribute_not_exists(pk)' } })
  if (options.idempotency) {
    const { key, requestHash, expiresAt } = options.idempotency
    add('idempotency-key-taken', {
      Put: {
        TableName,
        Item: {
          ...idempotencyKey(c.siteId, key),
          requestHash,
          commentId: c.id,
          ...(expiresAt && { expiresAt }),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })
  }
  for (const limit of options.rateLimits) {
    add('rate-limited', rateLimitUpdate(TableName, c.siteId, limit, now * 1000))
  }
  for (const ban of options.bans) {
    add('banned', {
      ConditionCheck: {
        TableName,
        Key: banKey(c.siteId, ban.kind, ban.hash),
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': now },
      },
    })
  }
  for (const fingerprint of options.duplicates.fingerprints) {
    add('duplicate', {
      Put: {
        TableName,
        Item: {
          ...duplicateKey(c.siteId, fingerprint),
          commentId: c.id,
          expiresAt: options.duplicates.expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
        ExpressionAttributeValues: { ':now': now },
      },
    })
  }
  const threaded = isInThread(c)
  if (threaded) add('inserted', { Update: pageCountUpdate(TableName, c, options.pageTitle) })
  if (root) {
    const rootIsParent = rootIdOf(c) === c.parentId
    const unmoved = likesUnchanged(root)
    add(
      'parent-gone',
      parentUpdate(TableName, c, threaded, options.parentPaths, rootIsParent ? unmoved : undefined),
    )
    if (!rootIsParent) {
      add('thread-moved', {
        ConditionCheck: {
          TableName,
          Key: commentKey(c.siteId, rootIdOf(c)),
          ConditionExpression: unmoved.condition,
          ExpressionAttributeValues: unmoved.values,
        },
      })
    }
    add('inserted', { Put: { TableName, Item: memberItem(c) } })
  }
  for (const Item of options.alsoPut ?? []) add('inserted', { Put: { TableName, Item } })

  const cancelled = await transactWrite(
    store,
    tagged.map((t) => t.item),
  )
  if (!cancelled) return 'inserted'
  const { codes } = cancelled
  // An idempotent replay wins over every other reason: the first attempt may have used them up.
  const failed = tagged.filter((_, i) => codes[i] === 'ConditionalCheckFailed').map((t) => t.outcome)
  for (const outcome of [
    'idempotency-key-taken',
    'banned',
    'rate-limited',
    'duplicate',
    'thread-moved',
    'parent-gone',
  ] as const) {
    if (failed.includes(outcome)) return outcome
  }
  throw new Error(`comment insert cancelled: ${codes.join(', ')}`)
}

/** The request an Idempotency-Key was first used with, while it is remembered. */
export async function findIdempotencyRecord(store: Store, siteId: string, key: string) {
  const { Item } = await store.send(
    new GetCommand({ TableName: store.tableName, Key: idempotencyKey(siteId, key), ConsistentRead: true }),
  )
  return Item && { requestHash: String(Item.requestHash), commentId: String(Item.commentId) }
}
