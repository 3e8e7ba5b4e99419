import type { RouteId, RouteOf } from './route-manifest.js'
import type { Chunk, RouteSpec } from './route-spec.js'

/** What only documents a route: the OpenAPI document and the tests read it, the app does not. */
type Documentation = 'summary' | 'responses' | 'problems' | 'failuresAsPages' | 'page'

/** A manifest entry as the app routes by it: method, path, chunk, body kind, access, edge, request. */
export type RouteRule = RouteSpec extends infer R
  ? R extends RouteSpec
    ? Omit<R, Documentation>
    : never
  : never
export type RouteRules = Record<RouteId, RouteRule>

/** The manifest without its documentation (`inlined-route-rules.ts` holds them, built or derived). */
export const routeRules = (routes: Record<RouteId, RouteSpec>): RouteRules => {
  const rules: Partial<RouteRules> = {}
  for (const [id, route] of Object.entries(routes) as [RouteId, RouteSpec][]) {
    const { summary: _s, responses: _r, problems: _p, failuresAsPages: _f, page: _g, ...rule } = route
    rules[id] = rule
  }
  return rules as RouteRules
}

/** The routes of one chunk, as [id, rule] pairs. */
export const rulesOf = <C extends Chunk>(rules: RouteRules, chunk: C) =>
  (Object.entries(rules) as [RouteId, RouteRule][]).filter(([, r]) => r.chunk === chunk) as [
    RouteOf<C>,
    RouteRule,
  ][]
