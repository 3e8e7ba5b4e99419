import { type Context, Hono } from 'hono'
import { CommentIdSchema } from '../../../shared/comments/comment-input.js'
import { setLike } from '../../../shared/comments/set-like.js'
import { hmacIp } from '../../../shared/crypto/ip-hash.js'
import { CommentNotFoundError, UnauthenticatedError } from '../../../shared/errors.js'
import { FeedbackQuerySchema, FeedbackSchema } from '../../../shared/feedback/feedback-input.js'
import { castVote, pageFeedback } from '../../../shared/feedback/page-feedback.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import { validate } from '../middleware/validate.js'

/** "Was this page helpful?" and comment likes under `/v1/sites/:siteId`. */
export const feedbackRoutes = (deps: AppDeps) => {
  const like = (liked: boolean) => async (c: Context<AppEnv>) => {
    const session = c.get('session')
    if (!session) throw new UnauthenticatedError('sign in to like comments')
    const id = c.req.param('id') ?? ''
    if (!CommentIdSchema.safeParse(id).success) throw new CommentNotFoundError(id)
    return c.json(await setLike(deps, c.get('site'), id, session.userId, liked))
  }
  return new Hono<AppEnv>()
    .post('/feedback', validate('json', FeedbackSchema), async (c) =>
      c.json(
        await castVote(deps, c.get('site'), c.req.valid('json'), hmacIp(deps.keys, deps.clientIp(c))),
        201,
      ),
    )
    .get('/feedback', validate('query', FeedbackQuerySchema), async (c) =>
      c.json(await pageFeedback(deps, c.get('site'), c.req.valid('query'))),
    )
    .put('/comments/:id/reactions/like', like(true))
    .delete('/comments/:id/reactions/like', like(false))
}
