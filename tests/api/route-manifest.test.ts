import { Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../functions/api/app.js'
import type { AppEnv } from '../../functions/api/app-env.js'
import { ROUTES, type RouteId } from '../../functions/api/manifest/route-manifest.js'
import type { Chunk, RouteSpec } from '../../functions/api/manifest/route-spec.js'
import { onDemandRoutes } from '../../functions/api/routes/on-demand.js'
import { contractDrift } from '../helpers/route-contract.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

/** A request that reaches the route (not necessarily one it accepts). */
const requestTo = (route: RouteSpec) => {
  const path = route.path.replace(':siteId', 'demo').replace(/:\w+/g, 'x')
  const write = route.method !== 'GET' && route.method !== 'DELETE'
  return [
    path,
    {
      method: route.method,
      ...(write && { headers: { 'Content-Type': 'application/json' }, body: '{}' }),
    },
  ] as const
}
const served = (routes: { method: string; path: string }[]) =>
  // Middleware registered for a method (the body checks) sits under a wildcard path.
  routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*')).map((r) => `${r.method} ${r.path}`)
/** The manifest's own entries of a chunk: the app routes by rules derived from them, and must agree. */
const routesOf = (chunk: Chunk) =>
  (Object.entries(ROUTES) as [RouteId, RouteSpec][]).filter(([, r]) => r.chunk === chunk)
const declared = (routes: [RouteId, RouteSpec][]) => routes.map(([, r]) => `${r.method} ${r.path}`)

describe('the route manifest', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })

  it('mounts each chunk with exactly the routes it declares for that chunk', () => {
    const onDemand = declared(routesOf('on-demand'))
    const eagerServed = served(t.app.routes).filter((r) => !onDemand.includes(r))
    expect(new Set(eagerServed)).toEqual(new Set(declared(routesOf('eager'))))
    expect(new Set(served(onDemandRoutes(t.deps).routes))).toEqual(new Set(onDemand))
  })

  it('answers every route from the chunk it declares: eager ones without loading the other', async () => {
    let loads = 0
    const app = createApp(t.deps, {
      loadOnDemand: async (deps) => {
        loads++
        return onDemandRoutes(deps)
      },
    })
    for (const [id, route] of routesOf('eager')) {
      const res = await app.request(...requestTo(route))
      expect({ id, loads }).toEqual({ id, loads: 0 })
      expect(res.status, id).not.toBe(500)
    }
    for (const [id, route] of routesOf('on-demand')) {
      const res = await app.request(...requestTo(route))
      expect({ id, loads }).toEqual({ id, loads: 1 })
      // Refused or answered by the route itself: never the app's "no such route".
      const problem = res.headers.get('content-type')?.includes('problem') ? await res.text() : ''
      expect({ id, notFound: problem.includes('"code":"not-found"') }).toEqual({ id, notFound: false })
    }
  })
})

describe('contractDrift', () => {
  const json = (body: unknown, status = 200, type = 'application/json') =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
  const problem = (status: number, code: string) =>
    json(
      { type: `/problems/${code}`, title: 't', status, detail: 'd', code, requestId: 'r' },
      status,
      'application/problem+json',
    )
  const health = (res: Response) => contractDrift('GET', '/v1/health', res)
  const counts = (res: Response) => contractDrift('GET', '/v1/sites/demo/counts?page=x', res)

  it('passes an answer as documented', async () => {
    expect(await health(json({ status: 'ok' }))).toBeUndefined()
    expect(await counts(problem(403, 'page-not-on-site'))).toBeUndefined()
  })

  it('reports a body that drifts from its schema', async () => {
    expect(await health(json({ status: 'fine' }))).toMatch(/drifts from its schema: status/)
  })

  it('reports a status, media type or problem code the route does not document', async () => {
    expect(await health(json({ status: 'ok' }, 201))).toMatch(/does not document/)
    expect(await health(new Response('ok', { headers: { 'Content-Type': 'text/plain' } }))).toMatch(
      /documented application\/json/,
    )
    expect(await counts(problem(403, 'banned'))).toMatch(/code banned, documented: .*page-not-on-site/)
    expect(await counts(problem(401, 'forbidden'))).toMatch(/code forbidden/)
  })

  it('reports a body where none is documented', async () => {
    const redirect = new Response('x', {
      status: 302,
      headers: { Location: 'https://idp.example/authorize' },
    })
    const drift = await contractDrift('GET', '/v1/sites/demo/auth/corp/start?origin=x', redirect)
    expect(drift).toMatch(/with a body/)
  })

  it('leaves alone what no route of the manifest serves', async () => {
    expect(await contractDrift('GET', '/nowhere', json({}, 404))).toBeUndefined()
  })
})

describe('a route added to a chunk without its manifest entry', () => {
  it('is not reachable through the app: the app only forwards declared routes', async () => {
    const { deps } = await createTestApp()
    const app = createApp(deps, {
      loadOnDemand: async () => new Hono<AppEnv>().get('/v1/undeclared', (c) => c.text('reached')),
    })
    const res = await app.request('/v1/undeclared')
    expect(res.status).toBe(404)
  })
})
