import { PatternRouter } from 'hono/router/pattern-router'
import { describe, expect, it } from 'vitest'
import { forwardedRoutes } from '../../../functions/api/forwarded-routes.js'
import { inlinedAppRoutes } from '../../../functions/api/inlined-app-routes.js'
import type { Method } from '../../../functions/api/manifest/route-spec.js'

const { onDemand } = inlinedAppRoutes
const forwarded = forwardedRoutes(onDemand)
// What the app did before: each route registered with Hono's router (its tiny preset's).
const router = new PatternRouter<true>()
for (const [method, path] of onDemand) router.add(method, path, true)
const routed = (method: string, path: string) =>
  router.match(method === 'HEAD' ? 'GET' : method, path)[0].length > 0

/** Requests near every forwarded route: its own path, with a trailing slash, longer, shorter, other segments. */
const nearby = onDemand.flatMap(([, path]) => {
  const concrete = path.replace(/:\w+/g, 'x-1.2')
  return [concrete, `${concrete}/`, `${concrete}/more`, concrete.replace(/\/[^/]+$/, ''), `${concrete}x`]
})
const METHODS: (Method | 'HEAD' | 'OPTIONS')[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

describe('forwardedRoutes', () => {
  it('forwards exactly what Hono’s router would route to the same declared routes', () => {
    expect(onDemand.length).toBeGreaterThan(15)
    for (const path of [...nearby, '/v1/no-such-route', '/', '/v1/sites/demo/comments//x'])
      for (const method of METHODS)
        expect({ method, path, forwarded: forwarded(method, path) }).toEqual({
          method,
          path,
          forwarded: routed(method, path),
        })
  })

  it('forwards a declared route, and nothing the manifest does not declare', () => {
    const [method, path] = onDemand[0] ?? ['GET', '/']
    expect(forwarded(method, path.replace(/:\w+/g, 'demo'))).toBe(true)
    expect(forwarded('GET', '/v1/undeclared')).toBe(false)
    expect(forwardedRoutes([['GET', '/v1/a.b']])('GET', '/v1/aXb')).toBe(false)
  })

  it('refuses a path it could not match as Hono does', () => {
    expect(() => forwardedRoutes([['GET', '/v1/files/*']])).toThrow(/plain paths/)
  })
})
