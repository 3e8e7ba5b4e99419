import { describe, expect, it } from 'vitest'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { createTestApp, jsonRequest } from '../helpers/test-app.js'

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })

describe('/v1/admin/sites', () => {
  it('creates a site with the contract defaults, then reads, lists and replaces it', async () => {
    const { app, adminKey } = await createTestApp()
    const created = await app.request(
      '/v1/admin/sites',
      jsonRequest(
        'POST',
        { id: 'my-blog', name: 'My blog', origins: ['https://my.example'] },
        bearer(adminKey),
      ),
    )
    expect(created.status).toBe(201)
    const site = await bodyOf(created, 'createSite', 201)
    expect(site).toEqual({
      id: 'my-blog',
      name: 'My blog',
      origins: ['https://my.example'],
      moderation: 'post',
      guests: { allowed: true, requireEmail: false },
      providers: [],
      moderators: [],
      pageQueryParams: [],
      limits: {
        maxLength: 5000,
        maxDepth: 5,
        editWindowSeconds: 900,
        commentsPerMinutePerIp: 5,
        maxLinks: 3,
      },
      spam: { heuristics: true, blocklist: [] },
      language: 'en',
      notifications: {
        moderatorEmails: [],
        onNew: 'pending',
        digest: 'off',
        replies: true,
        from: null,
        webhooks: [],
      },
    })
    expect(
      await bodyOf(
        await app.request('/v1/admin/sites/my-blog', { headers: bearer(adminKey) }),
        'getSite',
        200,
      ),
    ).toEqual(site)
    const list = await bodyOf(
      await app.request('/v1/admin/sites', { headers: bearer(adminKey) }),
      'listSites',
      200,
    )
    expect(list.sites.map((s) => s.id).sort()).toEqual(['demo', 'my-blog'])
    const replaced = await app.request(
      '/v1/admin/sites/my-blog',
      jsonRequest('PUT', { ...site, moderation: 'pre' }, bearer(adminKey)),
    )
    expect(replaced.status).toBe(200)
    expect((await bodyOf(replaced, 'replaceSite', 200)).moderation).toBe('pre')
  })

  it('returns 409 site-exists for a second site with the same id', async () => {
    const { app, adminKey } = await createTestApp()
    const res = await app.request(
      '/v1/admin/sites',
      jsonRequest('POST', { id: 'demo', name: 'x', origins: ['https://x.example'] }, bearer(adminKey)),
    )
    expect(res.status).toBe(409)
    expect((await problemOf(res)).code).toBe('site-exists')
  })

  it('returns 400 validation with pointers for a bad config, and writes nothing', async () => {
    const { app, adminKey } = await createTestApp()
    const res = await app.request(
      '/v1/admin/sites',
      jsonRequest(
        'POST',
        {
          id: 'Bad Id',
          name: 'x',
          origins: ['https://ok.example/path'],
          providers: [{ id: 'corp', type: 'oidc', issuer: 'http://idp.example', clientId: 'c' }],
        },
        bearer(adminKey),
      ),
    )
    expect(res.status).toBe(400)
    const body = await problemOf(res)
    expect(body.errors?.map((e) => e.pointer).sort()).toEqual(['#/id', '#/origins/0', '#/providers/0/issuer'])
    const list = await bodyOf(
      await app.request('/v1/admin/sites', { headers: bearer(adminKey) }),
      'listSites',
      200,
    )
    expect(list.sites).toHaveLength(1)
  })

  it.each([
    [
      'eleven moderator addresses',
      { moderatorEmails: Array.from({ length: 11 }, (_, i) => `m${i}@blog.example`) },
      '#/notifications/moderatorEmails',
    ],
    [
      'a moderator address that is not one',
      { moderatorEmails: ['not an address'] },
      '#/notifications/moderatorEmails/0',
    ],
    ['an onNew outside pending, all and none', { onNew: 'some' }, '#/notifications/onNew'],
    ['a digest period outside off, hourly and daily', { digest: 'weekly' }, '#/notifications/digest'],
    ['replies that are not a boolean', { replies: 'yes' }, '#/notifications/replies'],
    [
      'a From with a line break (a header injected)',
      { from: 'Blog <c@blog.example>\r\nBcc: all@x.example' },
      '#/notifications/from',
    ],
    ['a From without an address', { from: 'The blog' }, '#/notifications/from'],
    ['a From naming two addresses', { from: 'a@blog.example, b@blog.example' }, '#/notifications/from'],
    ['a From with an unclosed angle bracket', { from: 'Blog <c@blog.example' }, '#/notifications/from'],
  ])('returns 400 validation for %s, and saves nothing', async (_what, notifications, pointer) => {
    const { app, adminKey } = await createTestApp()
    const site = { id: 'notified', name: 'N', origins: ['https://n.example'], notifications }
    const res = await app.request('/v1/admin/sites', jsonRequest('POST', site, bearer(adminKey)))
    const problem = await problemOf(res, 400)
    expect(problem.code).toBe('validation')
    expect(problem.errors?.map((e) => e.pointer)).toEqual([pointer])
    expect((await app.request('/v1/admin/sites/notified', { headers: bearer(adminKey) })).status).toBe(404)
  })

  it('accepts a From as a bare address or a display name with its address', async () => {
    const { app, adminKey } = await createTestApp()
    for (const [i, from] of [
      'comments@blog.example',
      'My Blog <comments@blog.example>',
      '"Blog, Inc." <c@blog.example>',
    ].entries()) {
      const site = { id: `from-${i}`, name: 'F', origins: ['https://f.example'], notifications: { from } }
      const res = await app.request('/v1/admin/sites', jsonRequest('POST', site, bearer(adminKey)))
      expect((await bodyOf(res, 'createSite', 201)).notifications.from).toBe(from)
    }
  })

  it('returns 400 when the body names another site than the path', async () => {
    const { app, adminKey } = await createTestApp()
    const res = await app.request(
      '/v1/admin/sites/demo',
      jsonRequest('PUT', { id: 'other', name: 'x', origins: ['https://x.example'] }, bearer(adminKey)),
    )
    expect(res.status).toBe(400)
    expect((await problemOf(res)).errors?.[0]?.pointer).toBe('#/id')
  })

  it('returns 404 site-not-found for an unknown site', async () => {
    const { app, adminKey } = await createTestApp()
    const get = await app.request('/v1/admin/sites/nope', { headers: bearer(adminKey) })
    expect(get.status).toBe(404)
    expect((await problemOf(get)).code).toBe('site-not-found')
    const put = await app.request(
      '/v1/admin/sites/nope',
      jsonRequest('PUT', { name: 'x', origins: ['https://x.example'] }, bearer(adminKey)),
    )
    expect(put.status).toBe(404)
  })

  it('returns 401 without the admin key and 401 invalid-token with a wrong one', async () => {
    const { app } = await createTestApp()
    const none = await app.request('/v1/admin/sites')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    expect((await problemOf(none)).code).toBe('unauthenticated')
    const wrong = await app.request('/v1/admin/sites', { headers: bearer('x'.repeat(43)) })
    expect(wrong.status).toBe(401)
    expect((await problemOf(wrong)).code).toBe('invalid-token')
  })
})

describe('service routes', () => {
  it('answers health, the OpenAPI document and a 404 problem for the unknown', async () => {
    const { app } = await createTestApp()
    expect(await bodyOf(await app.request('/v1/health'), 'health', 200)).toEqual({ status: 'ok' })
    const doc = await bodyOf(await app.request('/v1/openapi.json'), 'openApi', 200)
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.paths['/v1/sites/{siteId}/comments']).toMatchObject({
      post: {
        requestBody: {
          content: { 'application/json': { schema: { required: expect.arrayContaining(['body']) } } },
        },
      },
    })
    const missing = await app.request('/v1/nothing-here')
    expect(missing.status).toBe(404)
    expect((await problemOf(missing)).code).toBe('not-found')
  })
})
