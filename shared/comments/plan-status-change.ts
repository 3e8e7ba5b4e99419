import type { CommentDeps } from './comment-deps.js'
import { type CommentRecord, type CommentStatus, isInThread } from './comment-record.js'
import type { ChangePlan, Transition } from './comments-repository.js'

const published = (c: CommentRecord) => (c.status === 'published' ? 1 : 0)
const threaded = (c: CommentRecord) => (isInThread(c) ? 1 : 0)

/**
 * Plans moving a comment to another status, with everything that moves along: its page's count of
 * published comments, and its parent's count of replies in the thread. A tombstone whose last
 * reply leaves the thread leaves it too (and so on up), and comes back when a reply returns.
 */
export async function planStatusChange(
  deps: Pick<CommentDeps, 'comments'>,
  before: CommentRecord,
  status: CommentStatus,
): Promise<ChangePlan> {
  const after = { ...before, status }
  const transitions: Transition[] = [{ before, after }]
  let delta = threaded(after) - threaded(before)
  let child = after
  while (delta !== 0 && child.parentId !== null) {
    const parent = await deps.comments.get(child.siteId, child.parentId)
    if (!parent) break
    const moved = { ...parent, replyCount: parent.replyCount + delta }
    if (threaded(moved) === threaded(parent)) {
      return {
        transitions,
        pageCountDelta: published(after) - published(before),
        replyCountDelta: { id: parent.id, delta },
      }
    }
    transitions.push({ before: parent, after: moved })
    delta = threaded(moved) - threaded(parent)
    child = moved
  }
  return { transitions, pageCountDelta: published(after) - published(before) }
}
