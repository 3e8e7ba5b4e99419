import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { edgeCache } from '../../../functions/api/middleware/edge-cache.js'

const app = new Hono()
  .get('/public', edgeCache, (c) => c.json({ ok: true }))
  .get('/missing', edgeCache, (c) => c.json({ ok: false }, 404))
  .get('/own', edgeCache, (c) => c.json({ ok: true }, 200, { 'Cache-Control': 'no-cache' }))

describe('edgeCache', () => {
  it('lets the edge keep an anonymous 200 briefly and serve it stale while it refreshes', async () => {
    const res = await app.request('/public')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=0, s-maxage=10, stale-while-revalidate=30')
  })

  it('never lets a shared cache keep a response to a request with credentials', async () => {
    const res = await app.request('/public', { headers: { Authorization: 'Bearer x' } })
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
  })

  it('never lets a shared cache keep a failure', async () => {
    expect((await app.request('/missing')).headers.get('Cache-Control')).toBe('private, no-store')
  })

  it('keeps a Cache-Control the route set itself', async () => {
    expect((await app.request('/own')).headers.get('Cache-Control')).toBe('no-cache')
  })
})
