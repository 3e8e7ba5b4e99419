import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { isConditionFailure } from '../db/store.js'
import { TABLE_INDEXES } from '../db/table-schema.js'
import type { CommentDeps } from './comment-deps.js'
import { PAGE_THREAD_SORT, pageKey } from './comment-keys.js'
import { type CommentRecord, CommentStatusSchema } from './comment-record.js'
import { inBatches } from './in-batches.js'
import { memberItem, rankThread } from './thread-members.js'
import { walkByStatus } from './walk-by-status.js'

const FILE_AT_ONCE = 200

/**
 * Brings a site's comments written before the `top` sort into it, once the `thread-top` index is
 * deployed: files every reply under its thread's root, then ranks each thread at its root's likes
 * now, then heads each page's thread in the index with the page's own item. Idempotent, and safe
 * while readers like and post: replies are all filed before any thread is ranked, and a thread only
 * ever takes a rank newer than the one it has, so a like meanwhile ranks every reply itself.
 * @returns how many threads, replies and pages it went through
 */
export async function backfillTopSort(deps: CommentDeps, siteId: string) {
  const { store } = deps.comments
  const TableName = store.tableName
  const rootIds: string[] = []
  const pages = new Set<string>()
  let replies: CommentRecord[] = []
  let replyCount = 0
  const fileReplies = async () => {
    await inBatches(replies, (c) => store.send(new PutCommand({ TableName, Item: memberItem(c) })))
    replyCount += replies.length
    replies = []
  }
  for (const status of CommentStatusSchema.options) {
    for await (const c of walkByStatus(deps, siteId, status)) {
      pages.add(c.pageKey)
      if (c.parentId === null) rootIds.push(c.id)
      else replies.push(c)
      if (replies.length >= FILE_AT_ONCE) await fileReplies()
    }
  }
  await fileReplies()
  await inBatches(rootIds, async (id) => {
    // Read now, after every reply is filed: the rank is the root's likes as they are.
    const root = await deps.comments.get(siteId, id)
    if (root) await rankThread(store, root)
  })
  await inBatches([...pages], (page) =>
    store
      .send(
        new UpdateCommand({
          TableName,
          Key: pageKey(siteId, page),
          UpdateExpression: 'SET #top = :top',
          ConditionExpression: 'attribute_exists(tpk)',
          ExpressionAttributeNames: { '#top': TABLE_INDEXES.threadTop.sk },
          ExpressionAttributeValues: { ':top': PAGE_THREAD_SORT },
        }),
      )
      // A page whose comments are all held has no place in a thread index yet.
      .catch((err: unknown) => {
        if (!isConditionFailure(err)) throw err
      }),
  )
  return { threads: rootIds.length, replies: replyCount, pages: pages.size }
}
