import { ROUTES } from './manifest/route-manifest.js'
import { routeRules } from './manifest/route-rules.js'

/**
 * What the app routes by: the manifest's entries without their documentation. The Lambda build
 * replaces this module with the rules as JSON (`build.ts`), so a cold start loads neither the
 * manifest's summaries and response specs nor the work of taking them out (and only the on-demand
 * chunk loads them: the app routes by `inlined-app-routes.ts`); unbundled (local mode,
 * tests), they are derived from the manifest here.
 */
export const inlinedRouteRules = routeRules(ROUTES)
