import pLimit from 'p-limit'
import { type CommentRecord, type CommentStatus, isInThread } from '../comments/comment-record.js'
import type { ChangePlan } from '../comments/comments-repository.js'
import { planStatusChange } from '../comments/plan-status-change.js'
import { openCursor, sealCursor } from '../crypto/cursor.js'
import { CONFLICT, retryOnConflict } from '../db/retry-on-conflict.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { toAdminComment } from './admin-comment.js'
import { auditItem, queryAudit } from './audit-log.js'
import type { ModerationDeps } from './moderation-deps.js'
import type { ModerationAction, ModerationInput, QueueQuery } from './moderation-input.js'

export type ModerationResult = { id: string; status: CommentStatus } | { id: string; error: string }

const TARGET: Record<ModerationAction, CommentStatus | undefined> = {
  approve: 'published',
  reject: 'rejected',
  spam: 'spam',
  delete: 'deleted',
  restore: 'published',
  pin: undefined,
  unpin: undefined,
}
const PARALLEL = 10

/**
 * A site's comments of one status, newest first, with a cursor bound to that queue.
 * @throws ValidationError for a cursor of another queue
 */
export async function listQueue(deps: ModerationDeps, site: SiteConfig, query: QueueQuery) {
  const scope = `queue|${site.id}|${query.status}`
  const before = query.cursor === undefined ? undefined : openCursor(deps.keys, query.cursor, scope)
  const found = await deps.comments.queryByStatus(
    site.id,
    query.status,
    query.limit + 1,
    before === undefined ? undefined : { before },
  )
  const comments = found.slice(0, query.limit)
  const last = comments.at(-1)
  return {
    comments: comments.map(toAdminComment),
    nextCursor: found.length > query.limit && last ? sealCursor(deps.keys, scope, last.id) : null,
  }
}

/** Why an action cannot apply to a comment in its current state, if it cannot. */
async function refusal(
  deps: ModerationDeps,
  c: CommentRecord,
  action: ModerationAction,
): Promise<string | undefined> {
  if (action === 'restore' && c.status !== 'deleted') return 'not-deleted'
  if ((action === 'pin' || action === 'unpin') && c.status !== 'published') return 'not-published'
  if (TARGET[action] === 'published' && c.parentId !== null) {
    // A reply goes public only under a parent readers can see, else it would hang in the air.
    const parent = await deps.comments.get(c.siteId, c.parentId)
    if (!parent || !isInThread(parent)) return 'parent-not-published'
  }
  return undefined
}

async function planAction(
  deps: ModerationDeps,
  before: CommentRecord,
  action: ModerationAction,
): Promise<ChangePlan> {
  const status = TARGET[action]
  if (status !== undefined) return planStatusChange(deps, before, status)
  return { transitions: [{ before, after: { ...before, pinned: action === 'pin' } }], pageCountDelta: 0 }
}

/** Applies one action to one comment, re-reading when another moderator changed it meanwhile. */
async function moderateOne(
  deps: ModerationDeps,
  site: SiteConfig,
  id: string,
  input: ModerationInput,
  actor: string,
): Promise<ModerationResult> {
  return retryOnConflict(async () => {
    const before = await deps.comments.get(site.id, id)
    if (!before) return { id, error: 'comment-not-found' }
    const refused = await refusal(deps, before, input.action)
    if (refused) return { id, error: refused }
    const plan = await planAction(deps, before, input.action)
    const after = plan.transitions[0]?.after ?? before
    // Already so (a second moderator, a double click): nothing to write, nothing to count twice.
    if (after.status === before.status && after.pinned === before.pinned) return { id, status: before.status }
    const detail = { from: before.status, to: after.status, ...(input.reason && { reason: input.reason }) }
    plan.alsoPut = [auditItem(site.id, { actor, action: input.action, target: id, detail }, deps.clock())]
    return (await deps.comments.commit(plan)) ? { id, status: after.status } : CONFLICT
  })
}

/**
 * Applies a moderator's action to up to 100 comments, each on its own: one comment that cannot be
 * changed never stops the others. Counts stay exact when moderators act on the same comments at once.
 * @returns a result per id, in the order given
 */
export async function moderate(
  deps: ModerationDeps,
  site: SiteConfig,
  input: ModerationInput,
  actor: string,
) {
  const ids = [...new Set(input.ids)]
  const results = await pLimit(PARALLEL).map(ids, (id) => moderateOne(deps, site, id, input, actor))
  return { results }
}

/**
 * A site's audit log, newest first, with a cursor bound to it.
 * @throws ValidationError for a cursor of another list
 */
export async function listAudit(
  deps: ModerationDeps,
  site: SiteConfig,
  query: { limit: number; cursor?: string | undefined },
) {
  const scope = `audit|${site.id}`
  const before = query.cursor === undefined ? undefined : openCursor(deps.keys, query.cursor, scope)
  const found = await queryAudit(deps.store, site.id, query.limit + 1, before)
  const page = found.slice(0, query.limit)
  const last = page.at(-1)
  return {
    entries: page.map((f) => f.entry),
    nextCursor: found.length > query.limit && last ? sealCursor(deps.keys, scope, last.sk) : null,
  }
}
