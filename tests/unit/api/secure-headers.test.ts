import { Hono } from 'hono'
import { secureHeaders as honoSecureHeaders } from 'hono/secure-headers'
import { describe, expect, it } from 'vitest'
import { SECURITY_HEADERS, secureHeaders } from '../../../functions/api/middleware/secure-headers.js'

const routes = (app: Hono) =>
  app
    .get('/plain', (c) => c.text('ok', 200, { 'X-Powered-By': 'something' }))
    .get('/own', (c) =>
      c.text('ok', 200, { 'X-Frame-Options': 'DENY', 'Cross-Origin-Opener-Policy': 'unsafe-none' }),
    )
    .get('/fails', (c) => c.json({ code: 'not-found' }, 404))

const ours = routes(new Hono().use(secureHeaders))
// What the app used before: Hono's middleware, as configured then.
const hono = routes(
  new Hono().use(honoSecureHeaders({ crossOriginResourcePolicy: 'cross-origin', overwrite: false })),
)
const headersOf = async (app: Hono, path: string) => Object.fromEntries((await app.request(path)).headers)

describe('secureHeaders', () => {
  it.each(['/plain', '/own', '/fails'])(
    'sets exactly what Hono’s secureHeaders() set on %s',
    async (path) => {
      expect(await headersOf(ours, path)).toEqual(await headersOf(hono, path))
    },
  )

  it('lets blogs load the API’s answers cross-origin, and frames only from its own origin', async () => {
    const res = await ours.request('/plain')
    expect(res.status).toBe(200)
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('x-powered-by')).toBeNull()
    for (const [name, value] of SECURITY_HEADERS) expect(res.headers.get(name)).toBe(value)
  })

  it('keeps the headers a route set itself', async () => {
    const res = await ours.request('/own')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('cross-origin-opener-policy')).toBe('unsafe-none')
  })
})
