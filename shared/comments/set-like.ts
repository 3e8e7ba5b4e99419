import type { LikeResponse } from '../contracts/index.js'
import { commentKey, likeKey } from '../db/item-keys.js'
import { transactWrite } from '../db/transact.js'
import { CommentNotFoundError } from '../errors.js'
import type { SiteConfig } from '../sites/site-schema.js'
import type { CommentDeps } from './comment-deps.js'
import { needsRanking, rankThread } from './thread-members.js'

/**
 * Likes or unlikes a published comment for a signed-in reader, idempotently: the like item and
 * the comment's count move together or not at all, so likes stay exact under any concurrency.
 * (The count also bumps the comment's version, so a moderator's concurrent change re-reads it.)
 * A like on a thread's root then moves the thread in the `top` sort: every comment of it is ranked
 * again, settling on the root's last count however many likes race. Likes racing on one comment
 * only ever conflict on its item (`TransactionConflict`): retried until one wins, each in turn.
 * @throws CommentNotFoundError when there is no published comment with this id
 * @throws UnavailableError when the store is unreachable
 */
export async function setLike(
  deps: CommentDeps,
  site: SiteConfig,
  commentId: string,
  userId: string,
  liked: boolean,
): Promise<LikeResponse> {
  const { store } = deps
  const TableName = store.tableName
  const like = likeKey(site.id, commentId, userId)
  const item = commentKey(site.id, commentId)
  const cancelled = await transactWrite(
    store,
    [
      liked
        ? {
            Put: {
              TableName,
              Item: { ...like, at: deps.clock() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }
        : { Delete: { TableName, Key: like, ConditionExpression: 'attribute_exists(pk)' } },
      {
        Update: {
          TableName,
          Key: item,
          UpdateExpression: 'ADD likes :d, likesVersion :one, version :one',
          ConditionExpression: '#status = :published',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':d': liked ? 1 : -1, ':one': 1, ':published': 'published' },
        },
      },
    ],
    { hot: item },
  )
  // Liking twice, or unliking what was not liked, changes nothing: the same answer as the first time.
  if (cancelled?.codes[1] === 'ConditionalCheckFailed') throw new CommentNotFoundError(commentId)
  const comment = await deps.comments.get(site.id, commentId)
  if (!comment) throw new CommentNotFoundError(commentId)
  // A root's likes rank its whole thread in the `top` sort. Also after a like that changed nothing:
  // an earlier request may have stopped before its thread was ranked.
  if (needsRanking(comment)) await rankThread(store, comment)
  return { reactions: { like: comment.likes }, mine: liked ? ['like'] : [] }
}
