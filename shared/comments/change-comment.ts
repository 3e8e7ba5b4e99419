import type { Comment } from '../contracts/index.js'
import { CONFLICT, retryOnConflict } from '../db/retry-on-conflict.js'
import {
  CommentNotFoundError,
  EditWindowClosedError,
  ForbiddenError,
  UnauthenticatedError,
} from '../errors.js'
import { renderMarkdownOnDemand } from '../markdown/render-on-demand.js'
import type { SiteConfig } from '../sites/site-schema.js'
import { checkBodyLength } from './body-length.js'
import type { CommentDeps } from './comment-deps.js'
import { type CommentRecord, toPublicComment } from './comment-record.js'
import { editTokenMatches } from './comment-tokens.js'
import type { EditCommentInput } from './comment-write-input.js'
import { planStatusChange } from './plan-status-change.js'

/** How the author proves a comment is theirs. */
export interface AuthorProof {
  editToken?: string | undefined
  /** The signed-in reader's user id, from their session. */
  userId?: string | undefined
}

/**
 * The author's own comment, still within the edit window.
 * @throws CommentNotFoundError, UnauthenticatedError, ForbiddenError, EditWindowClosedError
 */
async function ownComment(deps: CommentDeps, site: SiteConfig, id: string, proof: AuthorProof) {
  const comment = await deps.comments.get(site.id, id)
  if (
    !comment ||
    comment.status === 'deleted' ||
    comment.status === 'spam' ||
    comment.status === 'rejected'
  ) {
    throw new CommentNotFoundError(id)
  }
  const bySession = proof.userId !== undefined && proof.userId === comment.userId
  const byToken = proof.editToken !== undefined && editTokenMatches(proof.editToken, comment.editTokenHash)
  if (!bySession && !byToken) {
    if (proof.editToken === undefined && proof.userId === undefined) {
      throw new UnauthenticatedError('an X-Edit-Token or a session is required')
    }
    throw new ForbiddenError('this is not your comment')
  }
  if (deps.clock() - comment.createdAt > site.limits.editWindowSeconds * 1000)
    throw new EditWindowClosedError(id)
  return comment
}

/** Re-reads and re-plans until the write lands on the state it was planned from. */
const retryOnChange = (attempt: () => Promise<boolean>) =>
  retryOnConflict(async () => ((await attempt()) ? undefined : CONFLICT))

/**
 * Replaces the body of the author's comment and renders it again.
 * @throws ValidationError, CommentNotFoundError, UnauthenticatedError, ForbiddenError, EditWindowClosedError
 */
export async function editComment(
  deps: CommentDeps,
  site: SiteConfig,
  id: string,
  input: EditCommentInput,
  proof: AuthorProof,
): Promise<{ comment: Comment }> {
  checkBodyLength(input.body, site)
  let after: CommentRecord | undefined
  await retryOnChange(async () => {
    const before = await ownComment(deps, site, id, proof)
    after = {
      ...before,
      body: input.body,
      html: await renderMarkdownOnDemand(input.body),
      editedAt: deps.clock(),
    }
    return deps.comments.commit({ transitions: [{ before, after }], pageCountDelta: 0 })
  })
  if (!after) throw new CommentNotFoundError(id)
  return { comment: toPublicComment(after) }
}

/**
 * Deletes the author's comment: gone from its thread, or kept as a tombstone while replies remain.
 * @throws CommentNotFoundError, UnauthenticatedError, ForbiddenError, EditWindowClosedError
 */
export async function deleteOwnComment(deps: CommentDeps, site: SiteConfig, id: string, proof: AuthorProof) {
  await retryOnChange(async () => {
    const before = await ownComment(deps, site, id, proof)
    return deps.comments.commit(await planStatusChange(deps, before, 'deleted'))
  })
}
