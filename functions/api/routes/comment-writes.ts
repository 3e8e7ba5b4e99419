import { isModerator } from '../../../shared/auth/moderators.js'
import type { Session } from '../../../shared/auth/sessions.js'
import { deleteOwnComment, editComment } from '../../../shared/comments/change-comment.js'
import type { SignedInAuthor } from '../../../shared/comments/comment-deps.js'
import { CommentIdSchema } from '../../../shared/comments/comment-input.js'
import { postComment } from '../../../shared/comments/post-comment.js'
import { hmacIp } from '../../../shared/crypto/ip-hash.js'
import { CommentNotFoundError } from '../../../shared/errors.js'
import type { SiteConfig } from '../../../shared/sites/site-schema.js'
import type { AppDeps } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

/** The signed-in reader as an author, from their session (no read of the user record needed). */
const signedInAuthor = (site: SiteConfig, session: Session | undefined): SignedInAuthor | undefined =>
  session && {
    id: session.userId,
    name: session.name,
    avatar: session.avatar,
    email: null,
    providerType: session.providerType,
    subject: session.subject,
    moderator: isModerator(site, session.providerId, session.subject),
  }

/** A comment id from the path: one that cannot exist is simply not found. */
const commentId = (id: string) => {
  if (!CommentIdSchema.safeParse(id).success) throw new CommentNotFoundError(id)
  return id
}

/**
 * Posting, editing and deleting comments (`route-manifest.ts`). In the on-demand chunk: a cold
 * start serves a page's comments without parsing the write path (spam checks, bans, threads).
 */
export const commentWritesHandlers = (deps: AppDeps) =>
  ({
    postComment: async (c) => {
      const requester = {
        ip: deps.clientIp(c),
        ipHash: hmacIp(deps.keys, deps.clientIp(c)),
        userAgent: c.req.header('User-Agent'),
        idempotencyKey: c.req.header('Idempotency-Key'),
        user: signedInAuthor(c.get('site'), c.get('session')),
      }
      return c.json(await postComment(deps, c.get('site'), c.req.valid('json'), requester), 201)
    },
    editComment: async (c) => {
      const proof = { editToken: c.req.header('X-Edit-Token'), userId: c.get('session')?.userId }
      return c.json(
        await editComment(deps, c.get('site'), commentId(c.req.param('id')), c.req.valid('json'), proof),
      )
    },
    deleteComment: async (c) => {
      await deleteOwnComment(deps, c.get('site'), commentId(c.req.param('id')), {
        editToken: c.req.header('X-Edit-Token'),
        userId: c.get('session')?.userId,
      })
      return c.body(null, 204)
    },
  }) satisfies Partial<OnDemandHandlers>
