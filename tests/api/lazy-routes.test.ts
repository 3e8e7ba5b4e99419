import { Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../functions/api/app-env.js'
import { type AppHandlers, lazyRoutes } from '../../functions/api/lazy-routes.js'
import { notFound, problemDetails } from '../../functions/api/middleware/problem-details.js'
import { requireJson } from '../../functions/api/middleware/require-json.js'
import { onDemandRoutes } from '../../functions/api/routes/on-demand.js'
import { problemOf } from '../helpers/route-contract.js'
import { createTestApp, jsonRequest, ORIGIN, PAGE, type TestApp } from '../helpers/test-app.js'

describe('routes the app loads on their first request', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })

  it('reaches every route loaded on demand through the app', async () => {
    const lazy = onDemandRoutes(t.deps).routes.filter((r) => r.method !== 'ALL')
    expect(lazy.length).toBeGreaterThan(15)
    for (const route of lazy) {
      const path = route.path.replace(':siteId', 'demo').replace(/:\w+/g, 'x')
      const res = await t.app.request(path, {
        method: route.method,
        ...(route.method !== 'GET' && { headers: { 'Content-Type': 'application/json' }, body: '{}' }),
      })
      // Unauthenticated or invalid, as the route itself answers: never the app's "no such route".
      const problem = res.headers.get('content-type')?.includes('problem') ? await problemOf(res) : undefined
      expect({ route: `${route.method} ${route.path}`, code: problem?.code }).not.toEqual({
        route: `${route.method} ${route.path}`,
        code: 'not-found',
      })
    }
  })

  it('answers their unknown paths with the app’s 404 problem', async () => {
    const res = await t.app.request('/v1/admin/no-such-route')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(await res.json()).toMatchObject({ code: 'not-found', requestId: expect.any(String) })
  })

  it('answers with the CORS headers of the app, reading a body its middleware already parsed', async () => {
    const res = await t.app.request(
      '/v1/sites/demo/feedback',
      jsonRequest('POST', { page: PAGE, vote: 'up', visitor: crypto.randomUUID() }, { Origin: ORIGIN }),
    )
    expect(res.status).toBe(201)
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(res.headers.get('vary')).toContain('Origin')
  })

  it('answers their errors with the app’s problem details, request id included', async () => {
    const res = await t.app.request('/v1/sites/demo/feedback', jsonRequest('POST', { vote: 'sideways' }))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ code: 'validation', requestId: expect.any(String) })
  })
})

describe('lazyRoutes', () => {
  const handlers: AppHandlers = { onError: problemDetails(() => {}), notFound }
  /** An app with one lazily loaded group under /group, whose loader the test controls. */
  const appLoading = (load: () => Promise<Hono<AppEnv>>) =>
    new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('actor', 'admin')
        await next()
      })
      .on(['POST'], '/group/*', requireJson)
      .all('/group/*', lazyRoutes(load, handlers))
      .onError(handlers.onError)

  const group = () =>
    new Hono<AppEnv>()
      .get('/group/actor', (c) => c.text(c.get('actor')))
      .post('/group/echo', async (c) => c.json(await c.req.json()))

  it('imports the group once, however many requests arrive while it loads', async () => {
    let loads = 0
    const app = appLoading(async () => {
      loads++
      await new Promise((resolve) => setTimeout(resolve, 20))
      return group()
    })
    const answers = await Promise.all(Array.from({ length: 10 }, () => app.request('/group/actor')))
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(await Promise.all(answers.map((r) => r.text()))).toEqual(Array(10).fill('admin'))
    expect(loads).toBe(1)
  })

  it('tries a failed import again on the next request, answering the failure as a problem', async () => {
    let loads = 0
    const app = appLoading(async () => {
      if (++loads === 1) throw new Error('chunk missing')
      return group()
    })
    const failed = await app.request('/group/actor')
    expect(failed.status).toBe(500)
    expect(failed.headers.get('content-type')).toContain('application/problem+json')
    expect(JSON.stringify(await failed.json())).not.toContain('chunk missing')
    const retried = await app.request('/group/actor')
    expect(await retried.text()).toBe('admin')
    expect(loads).toBe(2)
  })

  it('hands over a body that middleware has already read', async () => {
    const app = appLoading(async () => group())
    const res = await app.request('/group/echo', jsonRequest('POST', { ok: 'ü'.repeat(3) }))
    expect(await res.json()).toEqual({ ok: 'üüü' })
  })
})
