import { GetCommand } from '@aws-sdk/lib-dynamodb'
import type { Store } from '../db/store.js'
import { type TransactItem, transactWrite } from '../db/transact.js'
import { commentKey, PAGE_THREAD_SORT, pageKey, threadKey, toItem } from './comment-keys.js'
import { type CommentRecord, isInThread } from './comment-record.js'

const idempotencyKey = (siteId: string, key: string) => ({ pk: `S#${siteId}#IDEM#${key}`, sk: 'IDEM' })
const rateKey = (siteId: string, ipHash: string, window: number) => ({
  pk: `S#${siteId}#RL#${ipHash}`,
  sk: `W#${window}`,
})

export interface InsertOptions {
  pageTitle?: string | undefined
  /** Remembers the request under its Idempotency-Key (already hashed) until `expiresAt` (epoch s). */
  idempotency?: { key: string; requestHash: string; expiresAt: number } | undefined
  /** Counts the post against the author's IP in a fixed window. */
  rateLimit: { ipHash: string; window: number; limit: number; expiresAt: number }
}

export type InsertOutcome = 'inserted' | 'idempotency-key-taken' | 'rate-limited' | 'parent-gone'

/**
 * Writes a new comment in one TransactWriteItems: the comment, its page's counter, its parent's
 * reply count, the idempotency record and the rate-limit count. All or nothing.
 * @throws UnavailableError when the store is unreachable
 */
export async function insertComment(
  store: Store,
  c: CommentRecord,
  options: InsertOptions,
): Promise<InsertOutcome> {
  const { tableName: TableName } = store
  const { idempotency, rateLimit } = options
  const threaded = isInThread(c)
  const items: TransactItem[] = [
    { Put: { TableName, Item: toItem(c), ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName,
        Key: rateKey(c.siteId, rateLimit.ipHash, rateLimit.window),
        UpdateExpression: 'ADD n :one SET expiresAt = :exp',
        ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': rateLimit.limit, ':exp': rateLimit.expiresAt },
      },
    },
    ...(idempotency
      ? [
          {
            Put: {
              TableName,
              Item: {
                ...idempotencyKey(c.siteId, idempotency.key),
                requestHash: idempotency.requestHash,
                commentId: c.id,
                expiresAt: idempotency.expiresAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : []),
    ...(threaded
      ? [
          {
            Update: {
              TableName,
              Key: pageKey(c.siteId, c.pageKey),
              UpdateExpression: `ADD commentCount :one SET #url = :url, tpk = :tpk, tOld = :top, tNew = :top${
                options.pageTitle === undefined ? '' : ', title = :title'
              }`,
              ExpressionAttributeNames: { '#url': 'url' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':url': c.pageUrl,
                ':tpk': threadKey(c.siteId, c.pageKey),
                ':top': PAGE_THREAD_SORT,
                ...(options.pageTitle !== undefined && { ':title': options.pageTitle }),
              },
            },
          },
        ]
      : []),
  ]
  const parentIndex = items.length
  if (c.parentId !== null) {
    const Key = commentKey(c.siteId, c.parentId)
    const ConditionExpression = 'attribute_exists(tpk)'
    items.push(
      threaded
        ? {
            Update: {
              TableName,
              Key,
              UpdateExpression: 'ADD replyCount :one',
              ConditionExpression,
              ExpressionAttributeValues: { ':one': 1 },
            },
          }
        : { ConditionCheck: { TableName, Key, ConditionExpression } },
    )
  }
  const codes = await transactWrite(store, items)
  if (!codes) return 'inserted'
  const failed = (i: number) => codes[i] === 'ConditionalCheckFailed'
  if (idempotency && failed(2)) return 'idempotency-key-taken'
  if (failed(1)) return 'rate-limited'
  if (c.parentId !== null && failed(parentIndex)) return 'parent-gone'
  throw new Error(`comment insert cancelled: ${codes.join(', ')}`)
}

/** The request an Idempotency-Key was first used with, while it is remembered. */
export async function findIdempotencyRecord(store: Store, siteId: string, key: string) {
  const { Item } = await store.send(
    new GetCommand({ TableName: store.tableName, Key: idempotencyKey(siteId, key), ConsistentRead: true }),
  )
  return Item && { requestHash: String(Item.requestHash), commentId: String(Item.commentId) }
}
