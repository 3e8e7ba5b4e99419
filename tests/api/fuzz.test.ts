import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, ORIGIN, PAGE } from '../helpers/test-app.js'

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  '',
  'application/x-ndjson',
)
const hostileString = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    '../../etc/passwd',
    '%00',
    '{"$ne":1}',
    '😀'.repeat(50),
  ),
)
const commentish = fc.record(
  {
    page: fc.oneof(fc.constant(PAGE), fc.webUrl(), hostileString),
    pageId: hostileString,
    parentId: fc.oneof(hostileString, fc.constant('00000000000000000')),
    body: fc.oneof(hostileString, fc.integer(), fc.constant(null)),
    author: fc.oneof(
      fc.record({ name: hostileString, email: hostileString, website: hostileString }, { requiredKeys: [] }),
      hostileString,
    ),
    hp: fc.oneof(hostileString, fc.boolean()),
    formToken: hostileString,
  },
  { requiredKeys: [] },
)
const anyBody = fc.oneof(
  commentish.map((v) => JSON.stringify(v)),
  fc.json(),
  hostileString,
  fc.jsonValue().map((v) => JSON.stringify(v)),
)
const headerValue = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.:/ '), maxLength: 300 })

describe('fuzzing the public routes', () => {
  it('never answers 5xx and writes nothing unless it answers 201', async () => {
    const t = await createTestApp()
    let before = (await tableItems(t)).length
    await fc.assert(
      fc.asyncProperty(
        anyBody,
        contentTypes,
        fc.option(headerValue),
        fc.constantFrom(ORIGIN, 'https://evil.example', undefined),
        fc.ipV4(),
        async (body, type, key, origin, ip) => {
          const headers: Record<string, string> = { 'x-test-client-ip': ip }
          if (type) headers['Content-Type'] = type
          if (key !== null) headers['Idempotency-Key'] = key
          if (origin) headers.Origin = origin
          const res = await t.app.request('/v1/sites/demo/comments', { method: 'POST', headers, body })
          expect(res.status).toBeLessThan(500)
          const problem = res.status >= 400 ? await res.json() : undefined
          if (problem) expect(res.headers.get('content-type')).toContain('application/problem+json')
          if (problem) expect(JSON.stringify(problem)).not.toMatch(/Exception|at .+\.ts:\d+/)
          const after = (await tableItems(t)).length
          if (res.status !== 201) expect(after).toBe(before)
          before = after
        },
      ),
      { numRuns: 150 },
    )
  })

  it('never answers 5xx to random query strings, paths and methods', async () => {
    const t = await createTestApp()
    const before = (await tableItems(t)).length
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('comments', 'counts', 'comments/00000000000000000', 'comments/x'),
        fc.dictionary(
          fc.constantFrom('page', 'pageId', 'sort', 'limit', 'cursor', 'x'),
          fc.oneof(hostileString, fc.webUrl()),
        ),
        fc.constantFrom('GET', 'DELETE', 'PATCH', 'PUT', 'OPTIONS'),
        async (path, params, method) => {
          const query = new URLSearchParams(params).toString()
          const res = await t.app.request(`/v1/sites/demo/${path}?${query}`, { method })
          expect(res.status).toBeLessThan(500)
        },
      ),
      { numRuns: 150 },
    )
    expect((await tableItems(t)).length).toBe(before)
  })
})
