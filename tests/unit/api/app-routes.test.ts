import { describe, expect, it } from 'vitest'
import { ROUTES } from '../../../functions/api/manifest/route-manifest.js'
import { appRoutes, routeRules } from '../../../functions/api/manifest/route-rules.js'
import type { BodyKind } from '../../../functions/api/manifest/route-spec.js'

const rules = routeRules(ROUTES)
const app = appRoutes(rules)
const pattern = (path: string) => new RegExp(`^${path.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`)
type Kind = (method: string, path: string) => BodyKind
const kindIn =
  (routes: [string, string, BodyKind][]): Kind =>
  (method, path) =>
    routes.find(([m, p]) => m === method && pattern(p).test(path))?.[2] ?? 'json'
/** What the body checks decide: a write's body kind (`requireJson`), and which size limit applies (`limitBody`: a body-less route is held to JSON's). */
const decisions = (kind: Kind, method: string, path: string) => ({
  write: ['POST', 'PUT', 'PATCH'].includes(method) ? kind(method, path) : undefined,
  limit: kind(method, path) === 'none' ? 'json' : kind(method, path),
})

describe('appRoutes, what the app routes by before the on-demand chunk loads', () => {
  it('has the eager chunk’s rules in full, and no other route’s', () => {
    expect(app.eager).toEqual(
      Object.fromEntries(Object.entries(rules).filter(([, r]) => r.chunk === 'eager')),
    )
  })

  it('forwards exactly the on-demand routes, by method and path', () => {
    const onDemand = Object.values(rules).filter((r) => r.chunk === 'on-demand')
    expect(app.onDemand).toEqual(onDemand.map((r) => [r.method, r.path]))
  })

  it('lets the body checks decide every request as the whole manifest would', () => {
    const all = kindIn(Object.values(rules).map((r) => [r.method, r.path, r.body]))
    const paths = [...Object.values(rules).map((r) => r.path.replace(/:\w+/g, 'x')), '/v1/no-such-route']
    for (const path of paths)
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
        expect({ method, path, ...decisions(kindIn(app.bodies), method, path) }).toEqual({
          method,
          path,
          ...decisions(all, method, path),
        })
  })
})
