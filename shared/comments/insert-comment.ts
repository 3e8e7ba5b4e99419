import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { Store } from '../db/store.js'
import { type TransactItem, transactWrite } from '../db/transact.js'
import { commentKey, PAGE_THREAD_SORT, pageKey, threadKey, toItem } from './comment-keys.js'
import { type CommentRecord, isInThread } from './comment-record.js'
import { banKey } from './guard-keys.js'

const idempotencyKey = (siteId: string, key: string) => ({ pk: `S#${siteId}#IDEM#${key}`, sk: 'IDEM' })
const rateKey = (siteId: string, key: string, window: number) => ({
  pk: `S#${siteId}#RL#${key}`,
  sk: `W#${window}`,
})
const duplicateKey = (siteId: string, fingerprint: string) => ({
  pk: `S#${siteId}#DUP#${fingerprint}`,
  sk: 'DUP',
})

export interface InsertOptions {
  pageTitle?: string | undefined
  /** Remembers the request under its Idempotency-Key (already hashed) until `expiresAt` (epoch s). */
  idempotency?: { key: string; requestHash: string; expiresAt?: number | undefined } | undefined
  /** Fixed-window counters (per IP, per user): the post fails when one is at its limit. */
  rateLimits: { key: string; window: number; limit: number; expiresAt: number }[]
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
}

export type InsertOutcome =
  | 'inserted'
  | 'idempotency-key-taken'
  | 'rate-limited'
  | 'banned'
  | 'duplicate'
  | 'parent-gone'

/**
 * Writes a new comment in one TransactWriteItems: the comment, its page's counter, its parent's
 * reply count, the idempotency record, the rate-limit counts, the duplicate fingerprints, and a
 * check of every ban that could apply. All or nothing; no extra request for any guard.
 * @throws UnavailableError when the store is unreachable
 */
export async function insertComment(
  store: Store,
  c: CommentRecord,
  options: InsertOptions,
): Promise<InsertOutcome> {
  const { tableName: TableName } = store
  const now = options.nowSeconds
  const tagged: { outcome: InsertOutcome; item: TransactItem }[] = []
  const add = (outcome: InsertOutcome, item: TransactItem) => tagged.push({ outcome, item })

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
    add('rate-limited', {
      Update: {
        TableName,
        Key: rateKey(c.siteId, limit.key, limit.window),
        UpdateExpression: 'ADD n :one SET expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': limit.limit, ':exp': limit.expiresAt },
      },
    })
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
  if (c.parentId !== null) add('parent-gone', parentUpdate(TableName, c, threaded, options.parentPaths))
  for (const Item of options.alsoPut ?? []) add('inserted', { Put: { TableName, Item } })

  const codes = await transactWrite(
    store,
    tagged.map((t) => t.item),
  )
  if (!codes) return 'inserted'
  // An idempotent replay wins over every other reason: the first attempt may have used them up.
  const failed = tagged.filter((_, i) => codes[i] === 'ConditionalCheckFailed').map((t) => t.outcome)
  for (const outcome of [
    'idempotency-key-taken',
    'banned',
    'rate-limited',
    'duplicate',
    'parent-gone',
  ] as const) {
    if (failed.includes(outcome)) return outcome
  }
  throw new Error(`comment insert cancelled: ${codes.join(', ')}`)
}

/**
 * The parent gains a reply in its thread, or is only checked to be there (a held reply). Given its
 * paths, the parent is put into its thread too: an imported reply turns a deleted parent into a tombstone.
 */
function parentUpdate(
  TableName: string,
  c: CommentRecord,
  threaded: boolean,
  paths: { oldest: string; newest: string } | undefined,
): TransactItem {
  const Key = commentKey(c.siteId, c.parentId ?? '')
  if (!threaded) {
    // A held reply needs its parent to exist; a posted one, to be in the thread too.
    const ConditionExpression = paths ? 'attribute_exists(pk)' : 'attribute_exists(tpk)'
    return { ConditionCheck: { TableName, Key, ConditionExpression } }
  }
  if (!paths) {
    return {
      Update: {
        TableName,
        Key,
        UpdateExpression: 'ADD replyCount :one',
        ConditionExpression: 'attribute_exists(tpk)',
        ExpressionAttributeValues: { ':one': 1 },
      },
    }
  }
  return {
    Update: {
      TableName,
      Key,
      UpdateExpression: 'ADD replyCount :one SET tpk = :tpk, tOld = :old, tNew = :new',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':one': 1,
        ':tpk': threadKey(c.siteId, c.pageKey),
        ':old': paths.oldest,
        ':new': paths.newest,
      },
    },
  }
}

function pageCountUpdate(TableName: string, c: CommentRecord, title: string | undefined) {
  return {
    TableName,
    Key: pageKey(c.siteId, c.pageKey),
    UpdateExpression: `ADD commentCount :one SET #url = :url, tpk = :tpk, tOld = :top, tNew = :top${
      title === undefined ? '' : ', title = :title'
    }`,
    ExpressionAttributeNames: { '#url': 'url' },
    ExpressionAttributeValues: {
      ':one': 1,
      ':url': c.pageUrl,
      ':tpk': threadKey(c.siteId, c.pageKey),
      ':top': PAGE_THREAD_SORT,
      ...(title !== undefined && { ':title': title }),
    },
  }
}

/** The request an Idempotency-Key was first used with, while it is remembered. */
export async function findIdempotencyRecord(store: Store, siteId: string, key: string) {
  const { Item } = await store.send(
    new GetCommand({ TableName: store.tableName, Key: idempotencyKey(siteId, key), ConsistentRead: true }),
  )
  return Item && { requestHash: String(Item.requestHash), commentId: String(Item.commentId) }
}
