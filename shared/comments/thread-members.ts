import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import pLimit from 'p-limit'
import { commentKey, MEMBER_PREFIX, memberKey } from '../db/item-keys.js'
import { queryAll } from '../db/query-pages.js'
import { retryOnConflict } from '../db/retry-on-conflict.js'
import { conditionHeld, type Store } from '../db/store.js'
import { TABLE_INDEXES } from '../db/table-schema.js'
import type { CommentRecord } from './comment-record.js'
import { type RankSource, rankOf, rootIdOf, type ThreadRank, topSortKey } from './thread-rank.js'

/** The item that files a reply under its thread's root, so a like on the root can re-rank it. */
export const memberItem = (c: CommentRecord) => ({
  ...memberKey(c.siteId, rootIdOf(c), c.id),
  path: c.paths.oldest,
})

/**
 * A condition that the root's likes have not moved since `root` was read (its `likesVersion`):
 * a reply written on it carries a rank no concurrent like has made stale.
 */
export function likesUnchanged(root: RankSource) {
  const version = rankOf(root).version
  return {
    condition:
      version === 0 ? '(attribute_not_exists(likesVersion) OR likesVersion = :lv)' : 'likesVersion = :lv',
    values: { ':lv': version },
  }
}

/** The root of a comment's thread as its rank is read from it (a missing root reads as no likes). */
export async function readThreadRoot(store: Store, c: CommentRecord): Promise<RankSource> {
  const { Item } = await store.send(
    new GetCommand({
      TableName: store.tableName,
      Key: commentKey(c.siteId, rootIdOf(c)),
      ProjectionExpression: 'likes, likesVersion',
      ConsistentRead: true,
    }),
  )
  const likesVersion = Item?.likesVersion
  return {
    likes: Number(Item?.likes ?? 0),
    ...(typeof likesVersion === 'number' && { likesVersion }),
  }
}

/** Whether a root's thread still has an older rank than its likes: a like has not been ranked yet. */
export const needsRanking = (root: CommentRecord) =>
  root.parentId === null && (root.rank?.version ?? 0) !== rankOf(root).version

/**
 * Moves a thread to its root's rank now, after a like on the root: every reply filed under it, then
 * the root itself (so a ranked root means its replies were ranked). Each comment only takes a rank
 * newer than its own, so concurrent likes settle on the last count whatever order their writes land
 * in; its version moves too, so a change planned from an older read of it is planned again.
 */
export async function rankThread(store: Store, root: CommentRecord): Promise<void> {
  const rank = rankOf(root)
  // A few at a time, so that a long thread never floods the store.
  await pLimit(16).map(await threadMembers(store, root), (m) => setRank(store, root.siteId, m, rank))
  await setRank(store, root.siteId, { id: root.id, path: root.paths.oldest }, rank)
}

/** Every reply ever filed under a root, read consistently (an index could miss the newest). */
async function threadMembers(store: Store, root: CommentRecord) {
  const items = await queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
    ExpressionAttributeValues: { ':pk': commentKey(root.siteId, root.id).pk, ':member': MEMBER_PREFIX },
    ProjectionExpression: 'sk, #path',
    ExpressionAttributeNames: { '#path': 'path' },
    ConsistentRead: true,
  })
  return items.map((item) => ({ id: String(item.sk).slice(MEMBER_PREFIX.length), path: String(item.path) }))
}

/** Ranks one comment; a like's transaction holding it at that moment is waited out. */
function setRank(store: Store, siteId: string, member: { id: string; path: string }, rank: ThreadRank) {
  return retryOnConflict(async () => {
    // Refused when a later like ranked it already: its rank is the newer one.
    await conditionHeld(
      store.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: commentKey(siteId, member.id),
          UpdateExpression: 'SET #rank = :rank, #top = :top ADD version :one',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#rank) OR #rank.version < :v)',
          ExpressionAttributeNames: { '#rank': 'rank', '#top': TABLE_INDEXES.threadTop.sk },
          ExpressionAttributeValues: {
            ':rank': rank,
            ':top': topSortKey(rank, member.path),
            ':one': 1,
            ':v': rank.version,
          },
        }),
      ),
    )
  })
}
