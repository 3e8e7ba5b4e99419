import { ROUTES } from './manifest/route-manifest.js'
import { appRoutes, routeRules } from './manifest/route-rules.js'

/**
 * What the app routes by before it loads the on-demand chunk (`appRoutes()`). The Lambda build
 * replaces this module with them as JSON (`build.ts`), so a cold start loads neither the manifest
 * nor the rules of the routes it forwards; unbundled (local mode, tests), they are derived here.
 */
export const inlinedAppRoutes = appRoutes(routeRules(ROUTES))
