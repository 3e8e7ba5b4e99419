import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInWithGoogle } from '../helpers/google-sign-in.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { createTestApp, freshIp, jsonRequest, PAGE, postAsGuest, type TestApp } from '../helpers/test-app.js'

let ks: KeyServer
let t: TestApp
const admin = () => ({ Authorization: `Bearer ${t.adminKey}` })

beforeAll(async () => {
  ks = await startKeyServer()
  t = await createTestApp({
    providerEndpoints: ks.endpoints,
    site: {
      limits: { commentsPerMinutePerIp: 2 },
      providers: [{ id: 'google', type: 'google', clientId: 'g-client' }],
      moderators: [{ provider: 'google', subject: 'mod-1' }],
    },
  })
})
afterAll(() => ks.close())

const session = (sub: string) => signInWithGoogle(t, ks, sub)
const ban = (body: Record<string, unknown>, headers = admin()) =>
  t.app.request('/v1/admin/sites/demo/bans', jsonRequest('POST', body, headers))

describe('bans', () => {
  it('bans an IP by the ipHash moderators see, answering 403 banned, until the ban is lifted', async () => {
    const ip = { 'x-test-client-ip': freshIp() }
    const { body } = await postAsGuest(t.app, { body: 'first from this IP' }, ip)
    const { comments } = await bodyOf(
      await t.app.request('/v1/admin/sites/demo/comments?status=published', { headers: admin() }),
      'queue',
      200,
    )
    const ipHash = comments.find((c) => c.id === body.comment.id)?.ipHash ?? ''
    const created = await ban({ kind: 'ip', value: ipHash, reason: 'flooding' })
    expect(created.status).toBe(201)
    const record = await bodyOf(created, 'createBan', 201)
    expect(record).toEqual({
      id: expect.any(String),
      kind: 'ip',
      value: ipHash,
      reason: 'flooding',
      expiresAt: null,
      createdAt: expect.any(String),
    })
    const refused = await postAsGuest(t.app, { body: 'after the ban' }, ip)
    expect(refused.res.status).toBe(403)
    expect(refused.problem.code).toBe('banned')
    const { bans } = await bodyOf(
      await t.app.request('/v1/admin/sites/demo/bans', { headers: admin() }),
      'listBans',
      200,
    )
    expect(bans).toContainEqual(record)
    expect(
      (await t.app.request(`/v1/admin/sites/demo/bans/${record.id}`, { method: 'DELETE', headers: admin() }))
        .status,
    ).toBe(204)
    expect((await postAsGuest(t.app, { body: 'after the ban was lifted' }, ip)).res.status).toBe(201)
  })

  it('bans a raw IP as its hash, never listing the address', async () => {
    const created = await bodyOf(await ban({ kind: 'ip', value: '203.0.113.77' }), 'createBan', 201)
    expect(created.value).not.toContain('203.0.113.77')
    expect(
      (await postAsGuest(t.app, { body: 'hello' }, { 'x-test-client-ip': '203.0.113.77' })).res.status,
    ).toBe(403)
  })

  it('bans an e-mail (any case) and a user, and a ban with an expiry ends by itself', async () => {
    await ban({
      kind: 'email',
      value: 'Troll@Example.com',
      expiresAt: new Date(t.clock() + 60_000).toISOString(),
    })
    const asTroll = () =>
      postAsGuest(t.app, { body: `hi ${Math.random()}`, author: { name: 'T', email: 'troll@example.com' } })
    expect((await asTroll()).res.status).toBe(403)
    t.clock.advance(61_000)
    expect((await asTroll()).res.status).toBe(201)

    const user = await session('user-9')
    await ban({ kind: 'user', value: user.user.id })
    const res = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest('POST', { page: PAGE, body: 'x' }, { Authorization: `Bearer ${user.token}` }),
    )
    expect(res.status).toBe(403)
    expect((await problemOf(res)).code).toBe('banned')
  })

  it('counts a signed-in reader across IPs: the per-user rate limit', async () => {
    const { token } = await session('user-rate')
    const statuses = []
    for (let i = 0; i < 3; i++) {
      const res = await t.app.request(
        '/v1/sites/demo/comments',
        jsonRequest(
          'POST',
          { page: PAGE, body: `burst ${i}` },
          { Authorization: `Bearer ${token}`, 'x-test-client-ip': freshIp() },
        ),
      )
      statuses.push(res.status)
    }
    expect(statuses).toEqual([201, 201, 429])
  })

  it('returns 400 for a ban value that is not of its kind or an expiry in the past, writing nothing', async () => {
    const before = (
      await bodyOf(await t.app.request('/v1/admin/sites/demo/bans', { headers: admin() }), 'listBans', 200)
    ).bans.length
    for (const body of [
      { kind: 'ip', value: 'not-an-ip' },
      { kind: 'email', value: 'nope' },
      { kind: 'user', value: 'u', expiresAt: '2001-01-01T00:00:00Z' },
      { kind: 'x', value: 'y' },
    ]) {
      expect((await ban(body)).status).toBe(400)
    }
    expect(
      (await bodyOf(await t.app.request('/v1/admin/sites/demo/bans', { headers: admin() }), 'listBans', 200))
        .bans.length,
    ).toBe(before)
  })
})

describe('access to the moderation routes', () => {
  interface Route {
    method: string
    path: string
    body?: unknown
  }
  const routes: Route[] = [
    { method: 'GET', path: '/comments?status=pending' },
    { method: 'POST', path: '/moderation', body: { action: 'approve', ids: ['0000000000000000a'] } },
    { method: 'GET', path: '/bans' },
    { method: 'POST', path: '/bans', body: { kind: 'email', value: 'a@example.com' } },
    { method: 'DELETE', path: '/bans/0000000000000000a' },
    { method: 'GET', path: '/audit' },
  ]
  const call = (site: string, { method, path, body }: Route, headers: Record<string, string>) =>
    t.app.request(
      `/v1/admin/sites/${site}${path}`,
      body ? jsonRequest(method, body, headers) : { method, headers },
    )

  it.each(routes)(
    '$method $path: 401 without credentials, 403 for a commenter, 404 for an unknown site',
    async (route) => {
      const none = await call('demo', route, {})
      expect(none.status).toBe(401)
      const commenter = await session('plain-reader')
      const forbidden = await call('demo', route, { Authorization: `Bearer ${commenter.token}` })
      expect(forbidden.status).toBe(403)
      expect((await problemOf(forbidden)).code).toBe('forbidden')
      const unknown = await call('nope', route, admin())
      expect(unknown.status).toBe(404)
    },
  )

  it('lets the site moderator in, and records them as the actor', async () => {
    const moderator = await session('mod-1')
    const { body } = await postAsGuest(t.app, { body: 'to be flagged by a moderator' })
    t.clock.advance(1000) // entries of the same millisecond have no order between them
    const res = await t.app.request(
      '/v1/admin/sites/demo/moderation',
      jsonRequest(
        'POST',
        { action: 'spam', ids: [body.comment.id] },
        { Authorization: `Bearer ${moderator.token}` },
      ),
    )
    expect(res.status).toBe(200)
    const { entries } = await bodyOf(
      await t.app.request('/v1/admin/sites/demo/audit?limit=1', { headers: admin() }),
      'audit',
      200,
    )
    expect(entries[0]).toMatchObject({
      actor: 'moderator:google:mod-1',
      action: 'spam',
      target: body.comment.id,
    })
  })

  it('returns 400 validation for bad moderation input', async () => {
    for (const body of [
      { action: 'nuke', ids: ['0000000000000000a'] },
      { action: 'approve', ids: [] },
      { action: 'approve', ids: Array(101).fill('0000000000000000a') },
      { action: 'approve', ids: ['../x'] },
    ]) {
      const res = await t.app.request('/v1/admin/sites/demo/moderation', jsonRequest('POST', body, admin()))
      expect(res.status).toBe(400)
    }
    expect(
      (await t.app.request('/v1/admin/sites/demo/comments?status=weird', { headers: admin() })).status,
    ).toBe(400)
  })
})
