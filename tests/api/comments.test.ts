import { describe, expect, it } from 'vitest'
import { HOSTILE, violations } from '../helpers/html-safety.js'
import { problemOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import {
  createTestApp,
  freshIp,
  guestComment,
  jsonRequest,
  listComments,
  ORIGIN,
  PAGE,
  postAsGuest,
} from '../helpers/test-app.js'

describe('POST /v1/sites/:siteId/comments', () => {
  it('publishes a guest comment with rendered html and an edit token', async () => {
    const { app } = await createTestApp()
    const { res, body } = await postAsGuest(app, { body: 'Hello **world** <script>alert(1)</script>' })
    expect(res.status).toBe(201)
    expect(body.comment).toMatchObject({
      parentId: null,
      depth: 0,
      status: 'published',
      deleted: false,
      pinned: false,
      author: {
        name: 'Ada',
        provider: 'guest',
        verified: false,
        moderator: false,
        website: null,
        avatar: null,
      },
    })
    expect(body.comment.html).toBe(
      '<p>Hello <strong>world</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    )
    expect(body.editToken).toEqual(expect.any(String))
    expect(body.comment).not.toHaveProperty('email')
  })

  it('lists the posted comment with the page count', async () => {
    const { app } = await createTestApp()
    const { body: posted } = await postAsGuest(app)
    const { res, body } = await listComments(app)
    expect(res.status).toBe(200)
    expect(body.page).toEqual({ url: PAGE, commentCount: 1 })
    expect(body.comments).toEqual([posted.comment].map(({ status: _, ...c }) => c))
    expect(body.nextCursor).toBeNull()
    expect(body.formToken).toEqual(expect.any(String))
  })

  it('holds a honeypot comment as spam, answering pending and listing nothing', async () => {
    const { app } = await createTestApp()
    const { res, body } = await postAsGuest(app, { hp: 'http://spam.example' })
    expect(res.status).toBe(201)
    expect(body.comment.status).toBe('pending')
    const { body: list } = await listComments(app)
    expect(list.comments).toEqual([])
    expect(list.page.commentCount).toBe(0)
  })

  it('holds every comment as pending under pre-moderation', async () => {
    const { app } = await createTestApp({ site: { moderation: 'pre' } })
    const { body } = await postAsGuest(app)
    expect(body.comment.status).toBe('pending')
    expect((await listComments(app)).body.comments).toEqual([])
  })

  it('returns 400 validation with pointers for a bad body', async () => {
    const { app } = await createTestApp()
    const { res, problem: body } = await postAsGuest(app, {
      body: '   ',
      author: { name: '', website: 'javascript:alert(1)' },
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(body.code).toBe('validation')
    expect(body.errors?.map((e) => e.pointer).sort()).toEqual(['#/author/name', '#/author/website', '#/body'])
  })

  it('counts the site limit in characters, not bytes', async () => {
    const { app } = await createTestApp({ site: { limits: { maxLength: 10 } } })
    expect((await postAsGuest(app, { body: '😀'.repeat(10) })).res.status).toBe(201)
    const { res, problem: body } = await postAsGuest(app, { body: '😀'.repeat(11) })
    expect(res.status).toBe(400)
    expect(body.errors).toEqual([{ pointer: '#/body', detail: 'must be at most 10 characters' }])
  })

  it('requires a name from guests and an e-mail where the site says so', async () => {
    const { app } = await createTestApp({ site: { guests: { allowed: true, requireEmail: true } } })
    const noAuthor = await postAsGuest(app, { author: undefined })
    expect(noAuthor.problem.errors?.[0]?.pointer).toBe('#/author/name')
    const noEmail = await postAsGuest(app)
    expect(noEmail.problem.errors?.[0]?.pointer).toBe('#/author/email')
    expect((await postAsGuest(app, { author: { name: 'Ada', email: 'ada@example.com' } })).res.status).toBe(
      201,
    )
  })

  it('returns 403 guests-not-allowed when the site takes no guests', async () => {
    const { app } = await createTestApp({ site: { guests: { allowed: false, requireEmail: false } } })
    const { res, problem: body } = await postAsGuest(app)
    expect(res.status).toBe(403)
    expect(body.code).toBe('guests-not-allowed')
  })

  it('returns 403 page-not-on-site for a page of another origin', async () => {
    const { app } = await createTestApp()
    const { res, problem: body } = await postAsGuest(app, { page: 'https://evil.example/post' })
    expect(res.status).toBe(403)
    expect(body.code).toBe('page-not-on-site')
  })

  it('returns 404 site-not-found for an unknown site', async () => {
    const { app } = await createTestApp()
    const res = await app.request('/v1/sites/nope/comments', jsonRequest('POST', guestComment()))
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'site-not-found', status: 404 })
  })

  it('returns 415 for a body that is not JSON and 400 malformed-json for broken JSON', async () => {
    const { app } = await createTestApp()
    const form = await app.request('/v1/sites/demo/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'body=hi',
    })
    expect(form.status).toBe(415)
    expect((await problemOf(form)).code).toBe('unsupported-media-type')
    const broken = await app.request('/v1/sites/demo/comments', jsonRequest('POST', '{"body": "hi",'))
    expect(broken.status).toBe(400)
    expect((await problemOf(broken)).code).toBe('malformed-json')
  })

  it('returns 413 payload-too-large for a body over 64 KiB', async () => {
    const { app } = await createTestApp()
    const res = await app.request(
      '/v1/sites/demo/comments',
      jsonRequest('POST', guestComment({ body: 'x'.repeat(70_000) })),
    )
    expect(res.status).toBe(413)
    expect((await problemOf(res)).code).toBe('payload-too-large')
  })

  it('returns 429 rate-limited with Retry-After past the per-IP limit', async () => {
    const { app, clock } = await createTestApp({ site: { limits: { commentsPerMinutePerIp: 2 } } })
    const ip = { 'x-test-client-ip': freshIp() }
    const post = (n: number) =>
      app.request('/v1/sites/demo/comments', jsonRequest('POST', guestComment({ body: `comment ${n}` }), ip))
    expect((await post(1)).status).toBe(201)
    expect((await post(2)).status).toBe(201)
    const limited = await post(3)
    expect(limited.status).toBe(429)
    expect((await problemOf(limited)).code).toBe('rate-limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await listComments(app)).body.page.commentCount).toBe(2)
    clock.advance(60_000)
    expect((await post(4)).status).toBe(201)
  })
})

describe('CORS per site', () => {
  it('echoes an allowed origin with Vary: Origin, on preflight and on the request', async () => {
    const { app } = await createTestApp()
    const preflight = await app.request('/v1/sites/demo/comments', {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN)
    expect(preflight.headers.get('vary')).toContain('Origin')
    const res = await app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(PAGE)}`, {
      headers: { Origin: ORIGIN },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN)
  })

  it('returns 403 origin-not-allowed to a browser of another origin, with no CORS grant', async () => {
    const { app } = await createTestApp()
    for (const method of ['GET', 'OPTIONS']) {
      const res = await app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(PAGE)}`, {
        method,
        headers: { Origin: 'https://evil.example' },
      })
      expect(res.status).toBe(403)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      expect((await problemOf(res)).code).toBe('origin-not-allowed')
    }
  })

  it('keeps the CORS grant on error responses so the widget can read them', async () => {
    const { app } = await createTestApp()
    const res = await app.request(
      '/v1/sites/demo/comments',
      jsonRequest('POST', guestComment({ body: '' }), { Origin: ORIGIN }),
    )
    expect(res.status).toBe(400)
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN)
  })
})

describe('stored html', () => {
  it('holds no executable markup for any hostile body posted through the API', async () => {
    const t = await createTestApp()
    for (const body of HOSTILE) {
      // One reader each: some bodies differ only in case, which the duplicate check folds together.
      const res = await t.app.request(
        '/v1/sites/demo/comments',
        jsonRequest('POST', guestComment({ body }), { 'x-test-client-ip': freshIp() }),
      )
      expect(res.status).toBe(201)
    }
    const stored = (await tableItems(t)).filter((item) => typeof item.html === 'string')
    expect(stored).toHaveLength(HOSTILE.length)
    for (const { body, html } of stored)
      expect({ body, violations: violations(String(html)) }).toEqual({ body, violations: [] })
  })
})
