import type { MiddlewareHandler } from 'hono'
import { isModerator } from '../../../shared/auth/moderators.js'
import { safeEqual } from '../../../shared/crypto/mac.js'
import { ForbiddenError, InvalidTokenError, UnauthenticatedError } from '../../../shared/errors.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import { bearerToken } from './bearer.js'

/**
 * Admin routes take the deployment's admin key, or (where `moderators` is set) the session of one
 * of the site's moderators. Any other valid session is 403 `forbidden`; no credentials 401.
 */
export const requireAdmin =
  (deps: AppDeps, { moderators }: { moderators: boolean }): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const token = bearerToken(c)
    if (token === undefined) throw new UnauthenticatedError('an admin key or a moderator session is required')
    if (safeEqual(token, deps.keys.adminKey)) {
      c.set('actor', 'admin')
      return next()
    }
    const claimedSite = deps.auth.sessions.claimedSite(token)
    if (claimedSite === undefined) throw new InvalidTokenError('neither the admin key nor a session')
    const session = await deps.auth.sessions.verify(token, claimedSite, deps.clock())
    const siteId = c.req.param('siteId')
    if (moderators && siteId === claimedSite) {
      const site = await deps.sites.get(siteId)
      if (isModerator(site, session.providerId, session.subject)) {
        c.set('actor', `moderator:${session.providerId}:${session.subject}`)
        return next()
      }
    }
    throw new ForbiddenError('this session may not use admin routes')
  }
