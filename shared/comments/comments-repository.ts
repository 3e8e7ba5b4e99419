import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { commentKey, pageKey, pageOfPageKey, statusKey, threadKey } from '../db/item-keys.js'
import type { Store } from '../db/store.js'
import { TABLE_INDEXES } from '../db/table-schema.js'
import { PAGE_IN_THREADS, PAGE_THREAD_SORT, type ThreadSort, threadIndex, toItem } from './comment-item.js'
import { type CommentRecord, CommentRecordSchema } from './comment-record.js'
import { type ThreadComment, ThreadCommentSchema } from './thread-comment.js'

export interface PageSummary {
  url: string
  commentCount: number
}

/** A comment's whole new state, written only if nobody changed it since `before` was read. */
export interface Transition {
  before: CommentRecord
  after: CommentRecord
}

/** Several comments' transitions plus the counters they move, written all or nothing. */
export interface ChangePlan {
  transitions: Transition[]
  pageCountDelta: number
  /** A comment that stays as it is but gains or loses a reply in the thread. */
  replyCountDelta?: { id: string; delta: number }
  /** Items written with the change, all or nothing (the audit entry of a moderator's action). */
  alsoPut?: Record<string, unknown>[]
}

const fromItem = (item: Record<string, unknown>): CommentRecord => CommentRecordSchema.parse(item)
// Imported by the first commit: a page's list, the cold path, never loads transactions and their retries.
const transactions = () => import('../db/transact.js')
const fromThreadItem = (item: Record<string, unknown>): ThreadComment => ThreadCommentSchema.parse(item)
const toPage = (item: Record<string, unknown>): PageSummary => ({
  url: String(item.url),
  commentCount: Number(item.commentCount ?? 0),
})

/** Comments and their pages in DynamoDB. */
export function createCommentsRepository(store: Store) {
  const { tableName: TableName, send } = store

  return {
    store,

    async get(siteId: string, id: string): Promise<CommentRecord | undefined> {
      const { Item } = await send(
        new GetCommand({ TableName, Key: commentKey(siteId, id), ConsistentRead: true }),
      )
      return Item && fromItem(Item)
    },

    /**
     * A page's thread from after `after` (a thread path), with the page itself when starting at the top.
     * One Query on the sparse thread index: nothing in it is discarded. Each comment is parsed as
     * the public list reads it, not as the whole record.
     */
    async queryThread(siteId: string, page: string, sort: ThreadSort, limit: number, after?: string) {
      const index = threadIndex(sort)
      const { Items = [] } = await send(
        new QueryCommand({
          TableName,
          IndexName: index.name,
          KeyConditionExpression: after === undefined ? '#pk = :pk' : '#pk = :pk AND #sk > :after',
          ExpressionAttributeNames: { '#pk': index.pk, ...(after !== undefined && { '#sk': index.sk }) },
          ExpressionAttributeValues: {
            ':pk': threadKey(siteId, page),
            ...(after !== undefined && { ':after': after }),
          },
          Limit: after === undefined ? limit + 1 : limit,
        }),
      )
      const first = Items[0]
      const pageItem = first?.sk === 'PAGE' ? first : undefined
      return {
        page: pageItem && toPage(pageItem),
        comments: (pageItem ? Items.slice(1) : Items).map(fromThreadItem),
      }
    },

    /**
     * A site's comments of one status: one Query on the sparse status index, newest first from
     * before an id (moderation queues), or oldest first from after one (exports walk them all).
     */
    async queryByStatus(
      siteId: string,
      status: string,
      limit: number,
      from?: { before: string } | { after: string },
    ) {
      const { pk, sk, name } = TABLE_INDEXES.byStatus
      const forward = from !== undefined && 'after' in from
      const bound = from === undefined ? undefined : 'after' in from ? from.after : from.before
      const { Items = [] } = await send(
        new QueryCommand({
          TableName,
          IndexName: name,
          KeyConditionExpression:
            bound === undefined ? '#pk = :pk' : `#pk = :pk AND #sk ${forward ? '>' : '<'} :bound`,
          ExpressionAttributeNames: { '#pk': pk, ...(bound !== undefined && { '#sk': sk }) },
          ExpressionAttributeValues: {
            ':pk': statusKey(siteId, status),
            ...(bound !== undefined && { ':bound': bound }),
          },
          ScanIndexForward: forward,
          Limit: limit,
        }),
      )
      return Items.map(fromItem)
    },

    async getPage(siteId: string, page: string): Promise<PageSummary | undefined> {
      const { Item } = await send(new GetCommand({ TableName, Key: pageKey(siteId, page) }))
      return Item && toPage(Item)
    },

    /** Comment counts of up to 100 pages in one BatchGetItem (retrying what DynamoDB leaves unprocessed). */
    async countPages(siteId: string, pages: string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>()
      let keys: Record<string, unknown>[] = [...new Set(pages)].map((p) => pageKey(siteId, p))
      while (keys.length > 0) {
        const res = await send(
          new BatchGetCommand({
            RequestItems: { [TableName]: { Keys: keys, ProjectionExpression: 'pk, commentCount' } },
          }),
        )
        for (const item of res.Responses?.[TableName] ?? []) {
          counts.set(pageOfPageKey(String(item.pk)), Number(item.commentCount ?? 0))
        }
        keys = res.UnprocessedKeys?.[TableName]?.Keys ?? []
      }
      return counts
    },

    /**
     * Writes a plan in one transaction.
     * @returns false when a comment changed since it was read (read again and re-plan)
     */
    async commit(plan: ChangePlan): Promise<boolean> {
      const first = plan.transitions[0]?.after
      if (!first) return true
      const { siteId } = first
      const items = plan.transitions.map(({ before, after }) => ({
        Put: {
          TableName,
          Item: toItem({ ...after, version: before.version + 1 }),
          ConditionExpression: 'version = :v AND replyCount = :rc',
          ExpressionAttributeValues: { ':v': before.version, ':rc': before.replyCount },
        },
      }))
      const counters = []
      if (plan.pageCountDelta !== 0) {
        counters.push({
          Update: {
            TableName,
            Key: pageKey(siteId, first.pageKey),
            // A page whose first comment was held has no item yet: approving it creates one in its thread.
            UpdateExpression: `ADD commentCount :d SET #url = if_not_exists(#url, :url), ${PAGE_IN_THREADS}`,
            ExpressionAttributeNames: { '#url': 'url' },
            ExpressionAttributeValues: {
              ':d': plan.pageCountDelta,
              ':url': first.pageUrl,
              ':tpk': threadKey(siteId, first.pageKey),
              ':top': PAGE_THREAD_SORT,
            },
          },
        })
      }
      if (plan.replyCountDelta) {
        counters.push({
          Update: {
            TableName,
            Key: commentKey(siteId, plan.replyCountDelta.id),
            UpdateExpression: 'ADD replyCount :d',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':d': plan.replyCountDelta.delta },
          },
        })
      }
      const also = (plan.alsoPut ?? []).map((Item) => ({ Put: { TableName, Item } }))
      const { transactWrite } = await transactions()
      return (await transactWrite(store, [...items, ...counters, ...also])) === undefined
    },
  }
}

export type CommentsRepository = ReturnType<typeof createCommentsRepository>
