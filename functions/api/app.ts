import { Hono, type MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import type { AppDeps, AppEnv } from './app-env.js'
import { corsPerSite } from './middleware/cors-per-site.js'
import { notFound, problemDetails } from './middleware/problem-details.js'
import { limitBody, requireJson } from './middleware/require-json.js'
import { readSession } from './middleware/session.js'
import { adminImportRoutes } from './routes/admin-import.js'
import { adminModerationRoutes } from './routes/admin-moderation.js'
import { adminPageRoutes } from './routes/admin-page.js'
import { adminSitesRoutes } from './routes/admin-sites.js'
import { authRoutes } from './routes/auth.js'
import { commentsRoutes } from './routes/comments.js'
import { embedRoutes } from './routes/embed.js'
import { feedbackRoutes } from './routes/feedback.js'
import { meRoutes } from './routes/me.js'
import { openApiRoutes } from './routes/openapi.js'

/**
 * The sign-in popup's pages (and redirects) must stay in the browsing context group of the blog
 * that opened them: with COOP same-origin, window.opener is null there and the session never
 * reaches the widget. Every other response keeps same-origin.
 */
const openerAllowed: MiddlewareHandler = async (c, next) => {
  await next()
  c.res.headers.set('Cross-Origin-Opener-Policy', 'unsafe-none')
}

/** The whole HTTP API; the same app runs in Lambda and locally. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>()
    .use(requestId({ headerName: '' }))
    .use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin', overwrite: false }))
    .use('/v1/sites/:siteId/auth/:providerId/*', openerAllowed)
    .use('/v1/*', limitBody)
    .on(['POST', 'PUT', 'PATCH'], '/v1/*', requireJson)
    .use('/v1/sites/:siteId/*', corsPerSite(deps.sites))
    .use('/v1/sites/:siteId/*', readSession(deps.auth))
    .get('/v1/health', (c) => c.json({ status: 'ok' }))
    .route('/v1', openApiRoutes())
    .route('/v1/sites/:siteId', commentsRoutes(deps))
    .route('/v1/sites/:siteId/auth', authRoutes(deps))
    .route('/v1/sites/:siteId', meRoutes(deps))
    .route('/v1/sites/:siteId', feedbackRoutes(deps))
    .route('/v1/admin/sites', adminSitesRoutes(deps))
    .route('/', embedRoutes())
    .route('/v1/admin/sites/:siteId', adminModerationRoutes(deps))
    .route('/v1/admin/sites/:siteId', adminImportRoutes(deps))
    .route('/', adminPageRoutes())
  app.onError(problemDetails(deps.log))
  app.notFound(notFound)
  return app
}

export type App = ReturnType<typeof createApp>
