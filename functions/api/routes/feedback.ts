import type { Context } from 'hono'
import { CommentIdSchema } from '../../../shared/comments/comment-input.js'
import { setLike } from '../../../shared/comments/set-like.js'
import { hmacIp } from '../../../shared/crypto/ip-hash.js'
import { CommentNotFoundError } from '../../../shared/errors.js'
import { castVote, pageFeedback } from '../../../shared/feedback/page-feedback.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'
import { signedIn } from './signed-in.js'

/** "Was this page helpful?" and comment likes under `/v1/sites/:siteId`. */
export const feedbackHandlers = (deps: AppDeps) => {
  const like = (liked: boolean) => async (c: Context<AppEnv>) => {
    const { userId } = signedIn(c)
    const id = c.req.param('id') ?? ''
    if (!CommentIdSchema.safeParse(id).success) throw new CommentNotFoundError(id)
    return c.json(await setLike(deps, c.get('site'), id, userId, liked))
  }
  return {
    castVote: async (c) =>
      c.json(
        await castVote(deps, c.get('site'), c.req.valid('json'), hmacIp(deps.keys, deps.clientIp(c))),
        201,
      ),
    pageFeedback: async (c) => c.json(await pageFeedback(deps, c.get('site'), c.req.valid('query'))),
    like: like(true),
    unlike: like(false),
  } satisfies Partial<OnDemandHandlers>
}
