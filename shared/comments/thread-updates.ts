import { commentKey, pageKey, threadKey } from '../db/item-keys.js'
import type { TransactItem } from '../db/transact.js'
import { PAGE_IN_THREADS, PAGE_THREAD_SORT } from './comment-item.js'
import type { CommentRecord } from './comment-record.js'
import { topSortKey } from './thread-rank.js'

/** A condition (with its values) that must hold on the parent as well. */
export interface ExtraCondition {
  condition: string
  values: Record<string, unknown>
}

/**
 * The parent gains a reply in its thread, or is only checked to be there (a held reply). Given its
 * paths, the parent is put into its thread too, at the reply's rank: an imported reply turns a
 * deleted parent into a tombstone. `also` must hold on the parent too (when it is the thread's root).
 */
export function parentUpdate(
  TableName: string,
  c: CommentRecord,
  threaded: boolean,
  paths: { oldest: string; newest: string } | undefined,
  also: ExtraCondition | undefined,
): TransactItem {
  const Key = commentKey(c.siteId, c.parentId ?? '')
  const conditions = (own: string, ownValues: Record<string, unknown> = {}) => {
    const ExpressionAttributeValues = { ...ownValues, ...also?.values }
    return {
      ConditionExpression: also ? `${own} AND ${also.condition}` : own,
      ...(Object.keys(ExpressionAttributeValues).length > 0 && { ExpressionAttributeValues }),
    }
  }
  if (!threaded) {
    // A held reply needs its parent to exist; a posted one, to be in the thread too.
    const own = paths ? 'attribute_exists(pk)' : 'attribute_exists(tpk)'
    return { ConditionCheck: { TableName, Key, ...conditions(own) } }
  }
  if (!paths) {
    return {
      Update: {
        TableName,
        Key,
        UpdateExpression: 'ADD replyCount :one',
        ...conditions('attribute_exists(tpk)', { ':one': 1 }),
      },
    }
  }
  return {
    Update: {
      TableName,
      Key,
      UpdateExpression:
        'ADD replyCount :one SET tpk = :tpk, tOld = :old, tNew = :new, tTop = :top, #rank = :rank',
      ExpressionAttributeNames: { '#rank': 'rank' },
      ...conditions('attribute_exists(pk)', {
        ':one': 1,
        ':tpk': threadKey(c.siteId, c.pageKey),
        ':old': paths.oldest,
        ':new': paths.newest,
        ':top': topSortKey(c.rank, paths.oldest),
        ':rank': c.rank ?? { likes: 0, version: 0 },
      }),
    },
  }
}

/** The page's count gains the comment, and the page's own item heads each of its thread indexes. */
export function pageCountUpdate(TableName: string, c: CommentRecord, title: string | undefined) {
  return {
    TableName,
    Key: pageKey(c.siteId, c.pageKey),
    UpdateExpression: `ADD commentCount :one SET #url = :url, ${PAGE_IN_THREADS}${
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
