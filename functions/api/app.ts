import type { MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { Hono } from 'hono/tiny'
import type { AppDeps, AppEnv } from './app-env.js'
import { forwardedRoutes } from './forwarded-routes.js'
import { inlinedAppRoutes } from './inlined-app-routes.js'
import { lazyRoutes } from './lazy-routes.js'
import { EAGER_REQUESTS } from './manifest/eager-requests.js'
import { mountRoutes } from './manifest/mount-routes.js'
import { corsPerSite } from './middleware/cors-per-site.js'
import { notFound, problemDetails } from './middleware/problem-details.js'
import { limitBody, requireJson } from './middleware/require-json.js'
import { secureHeaders } from './middleware/secure-headers.js'
import { readSession } from './middleware/session.js'
import { commentsHandlers } from './routes/comments.js'
import { embedHandlers } from './routes/embed.js'

/**
 * The sign-in popup's pages (and redirects) must stay in the browsing context group of the blog
 * that opened them: with COOP same-origin, window.opener is null there and the session never
 * reaches the widget. Every other response keeps same-origin.
 */
const openerAllowed: MiddlewareHandler = async (c, next) => {
  await next()
  c.res.headers.set('Cross-Origin-Opener-Policy', 'unsafe-none')
}

/** How the routes the app loads on demand reach it: the chunk, imported on first use. */
export type LoadOnDemand = (deps: AppDeps) => Promise<Hono<AppEnv>>
const loadOnDemandChunk: LoadOnDemand = async (deps) =>
  (await import('./routes/on-demand.js')).onDemandRoutes(deps)

/**
 * The whole HTTP API; the same app runs in Lambda and locally. Its routes are those of the manifest
 * (`manifest/route-manifest.ts`): what a reader's page needs (the comments, the widget) is mounted
 * with the app; every other route is imported on the first request to one of them, so a cold start
 * does not parse them.
 */
export function createApp(deps: AppDeps, { loadOnDemand = loadOnDemandChunk } = {}) {
  const handlers = { onError: problemDetails(deps.log), notFound }
  const onDemand = lazyRoutes(() => loadOnDemand(deps), handlers)
  const app = new Hono<AppEnv>()
    .use(requestId({ headerName: '' }))
    .use(secureHeaders)
    .use('/v1/sites/:siteId/auth/:providerId/*', openerAllowed)
    .use('/v1/*', limitBody)
    .on(['POST', 'PUT', 'PATCH'], '/v1/*', requireJson)
    .use('/v1/sites/:siteId/*', corsPerSite(deps.sites))
    .use('/v1/sites/:siteId/*', readSession(deps.auth))
  mountRoutes(app, deps, 'eager', inlinedAppRoutes.eager, EAGER_REQUESTS, {
    health: (c) => c.json({ status: 'ok' }),
    ...commentsHandlers(deps),
    ...embedHandlers(),
  })
  // After the eager routes, which answer without calling on: what no eager route answered goes to the
  // on-demand chunk if the manifest declares it there, else to the 404.
  const forwarded = forwardedRoutes(inlinedAppRoutes.onDemand)
  app.all('/*', (c, next) => (forwarded(c.req.method, c.req.path) ? onDemand(c, next) : next()))
  app.onError(handlers.onError)
  app.notFound(handlers.notFound)
  return app
}

export type App = ReturnType<typeof createApp>
