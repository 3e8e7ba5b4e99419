import type { Context, ErrorHandler, Handler, NotFoundHandler } from 'hono'
import { Hono } from 'hono/tiny'
import type { AppEnv } from './app-env.js'
import { loadOnce } from './load-once.js'

/** The app's context of each request handed to lazily loaded routes, keyed by that request. */
const outerContexts = new WeakMap<Request, Context<AppEnv>>()

/** How the app answers what its routes do not: the same for routes it loads lazily. */
export interface AppHandlers {
  onError: ErrorHandler<AppEnv>
  notFound: NotFoundHandler<AppEnv>
}

/** Runs loaded routes as if they were the app's own: same variables, same errors, same 404s. */
const asPartOfTheApp = (routes: Hono<AppEnv>, { onError, notFound }: AppHandlers) =>
  new Hono<AppEnv>()
    .use(async (c, next) => {
      const outer = outerContexts.get(c.req.raw)
      if (!outer) throw new Error('lazily loaded routes reached without lazyRoutes()')
      for (const [name, value] of Object.entries(outer.var)) c.set(name as keyof AppEnv['Variables'], value)
      await next()
    })
    .route('/', routes)
    .onError(onError)
    .notFound(notFound)

/**
 * A handler that imports a group of routes on their first request, then hands every request to
 * them. Routes only moderators or signing-in readers use thus stay out of what each cold start
 * parses (`bench/cold-start.ts`). The loaded routes carry their full paths and see the request as
 * the app's middleware left it: its variables (site, session, request id) and its body, even when
 * a middleware has read it.
 */
export function lazyRoutes(load: () => Promise<Hono<AppEnv>>, handlers: AppHandlers): Handler<AppEnv> {
  const loaded = loadOnce(async () => asPartOfTheApp(await load(), handlers))
  return async (c) => {
    const routes = await loaded()
    const request = c.req.raw.bodyUsed ? new Request(c.req.raw, { body: await c.req.text() }) : c.req.raw
    outerContexts.set(request, c)
    return routes.fetch(request, c.env)
  }
}
