import type { CommentDeps } from '../comments/comment-deps.js'
import { commentKey } from '../comments/comment-keys.js'
import { needsRanking, rankThread } from '../comments/thread-members.js'
import type { LikeResponse } from '../contracts/index.js'
import { transactWrite } from '../db/transact.js'
import { CommentNotFoundError } from '../errors.js'
import type { SiteConfig } from '../sites/site-schema.js'

/** A signed-in reader's like sits in the comment's own partition, next to the comment. */
const likeKey = (siteId: string, commentId: string, userId: string) => ({
  pk: commentKey(siteId, commentId).pk,
  sk: `LIKE#${userId}`,
})

/**
 * Likes or unlikes a published comment for a signed-in reader, idempotently: the like item and
 * the comment's count move together or not at all, so likes stay exact under any concurrency.
 * (The count also bumps the comment's version, so a moderator's concurrent change re-reads it.)
 * A like on a thread's root then moves the thread in the `top` sort: every comment of it is ranked
 * again, settling on the root's last count however many likes race.
 * @throws CommentNotFoundError when there is no published comment with this id
 */
export async function setLike(
  deps: CommentDeps,
  site: SiteConfig,
  commentId: string,
  userId: string,
  liked: boolean,
): Promise<LikeResponse> {
  const { store } = deps.comments
  const TableName = store.tableName
  const like = likeKey(site.id, commentId, userId)
  const codes = await transactWrite(store, [
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
        Key: commentKey(site.id, commentId),
        UpdateExpression: 'ADD likes :d, likesVersion :one, version :one',
        ConditionExpression: '#status = :published',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':d': liked ? 1 : -1, ':one': 1, ':published': 'published' },
      },
    },
  ])
  // Liking twice, or unliking what was not liked, changes nothing: the same answer as the first time.
  if (codes?.[1] === 'ConditionalCheckFailed') throw new CommentNotFoundError(commentId)
  const comment = await deps.comments.get(site.id, commentId)
  if (!comment) throw new CommentNotFoundError(commentId)
  // A root's likes rank its whole thread in the `top` sort. Also after a like that changed nothing:
  // an earlier request may have stopped before its thread was ranked.
  if (needsRanking(comment)) await rankThread(store, comment)
  return { reactions: { like: comment.likes }, mine: liked ? ['like'] : [] }
}
