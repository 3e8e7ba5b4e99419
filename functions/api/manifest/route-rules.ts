import type { RouteId, RouteOf } from './route-manifest.js'
import type { BodyKind, Chunk, Method, RouteSpec } from './route-spec.js'

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
export const rulesOf = <C extends Chunk>(rules: Partial<RouteRules>, chunk: C) =>
  (Object.entries(rules) as [RouteId, RouteRule][]).filter(([, r]) => r.chunk === chunk) as [
    RouteOf<C>,
    RouteRule,
  ][]

/**
 * What the app itself routes by (`inlined-app-routes.ts`): the eager chunk's rules in full, the
 * method and path of each route it forwards to the on-demand chunk, and the body kind of each route
 * the body checks must not hold to JSON (a write without a body, NDJSON, a form; `require-json.ts`). The on-demand chunk's own rules load
 * with it (`inlined-route-rules.ts`).
 */
const WRITES: readonly Method[] = ['POST', 'PUT', 'PATCH']

export function appRoutes(rules: RouteRules) {
  const all = Object.entries(rules) as [RouteId, RouteRule][]
  return {
    eager: Object.fromEntries(rulesOf(rules, 'eager')) as Partial<RouteRules>,
    onDemand: rulesOf(rules, 'on-demand').map(([, r]): [Method, string] => [r.method, r.path]),
    bodies: all
      .filter(([, r]) => (r.body === 'none' ? WRITES.includes(r.method) : r.body !== 'json'))
      .map(([, r]): [Method, string, BodyKind] => [r.method, r.path, r.body]),
  }
}
export type AppRoutes = ReturnType<typeof appRoutes>
