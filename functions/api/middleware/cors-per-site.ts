import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { OriginNotAllowedError } from '../../../shared/errors.js'
import type { SiteDirectory } from '../../../shared/sites/site-directory.js'
import type { AppEnv } from '../app-env.js'

const allowOrigin = cors({
  origin: (origin) => origin,
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Edit-Token'],
  exposeHeaders: ['Retry-After'],
  maxAge: 600,
})

/**
 * Loads the site of `/v1/sites/:siteId/…` into the context, and answers CORS for its origins only:
 * a browser's request from any other origin is 403 `origin-not-allowed`; no `Origin`, no CORS.
 */
export const corsPerSite =
  (sites: SiteDirectory): MiddlewareHandler<AppEnv, '/v1/sites/:siteId/*'> =>
  async (c, next) => {
    const site = await sites.get(c.req.param('siteId'))
    c.set('site', site)
    const origin = c.req.header('Origin')
    // No Origin (servers, curl), or the API's own pages (the sign-in popup, /admin): not cross-origin.
    if (origin === undefined || origin === new URL(c.req.url).origin) return next()
    c.header('Vary', 'Origin', { append: true })
    if (!site.origins.includes(origin)) throw new OriginNotAllowedError(origin)
    return allowOrigin(c, next)
  }
