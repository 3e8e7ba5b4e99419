import { Hono, type MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import type { AppDeps, AppEnv } from './app-env.js'
import { lazyRoutes } from './lazy-routes.js'
import { corsPerSite } from './middleware/cors-per-site.js'
import { notFound, problemDetails } from './middleware/problem-details.js'
import { limitBody, requireJson } from './middleware/require-json.js'
import { readSession } from './middleware/session.js'
import { commentsRoutes } from './routes/comments.js'
import { embedRoutes } from './routes/embed.js'

/**
 * The sign-in popup's pages (and redirects) must stay in the browsing context group of the blog
 * that opened them: with COOP same-origin, window.opener is null there and the session never
 * reaches the widget. Every other response keeps same-origin.
 */
const openerAllowed: MiddlewareHandler = async (c, next) => {
  await next()
  c.res.headers.set('Cross-Origin-Opener-Policy', 'unsafe-none')
}

/**
 * The whole HTTP API; the same app runs in Lambda and locally. What a reader's page needs (the
 * comments, the widget) is loaded with the app; every other route is imported on the first request
 * to one of them, so a cold start does not parse them.
 */
export function createApp(deps: AppDeps) {
  const handlers = { onError: problemDetails(deps.log), notFound }
  const onDemand = lazyRoutes(
    async () => (await import('./routes/on-demand.js')).onDemandRoutes(deps),
    handlers,
  )
  const app = new Hono<AppEnv>()
    .use(requestId({ headerName: '' }))
    .use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin', overwrite: false }))
    .use('/v1/sites/:siteId/auth/:providerId/*', openerAllowed)
    .use('/v1/*', limitBody)
    .on(['POST', 'PUT', 'PATCH'], '/v1/*', requireJson)
    .use('/v1/sites/:siteId/*', corsPerSite(deps.sites))
    .use('/v1/sites/:siteId/*', readSession(deps.auth))
    .get('/v1/health', (c) => c.json({ status: 'ok' }))
    .route('/v1/sites/:siteId', commentsRoutes(deps))
    .route('/', embedRoutes())
    .all('/v1/openapi.json', onDemand)
    .all('/v1/sites/:siteId/auth/*', onDemand)
    .all('/v1/sites/:siteId/me/*', onDemand)
    .all('/v1/sites/:siteId/feedback', onDemand)
    .all('/v1/sites/:siteId/comments/:id/reactions/*', onDemand)
    .all('/v1/admin/*', onDemand)
    .all('/admin', onDemand)
  app.onError(handlers.onError)
  app.notFound(handlers.notFound)
  return app
}

export type App = ReturnType<typeof createApp>
