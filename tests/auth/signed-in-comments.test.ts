import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInWithGoogle } from '../helpers/google-sign-in.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { createTestApp, jsonRequest, listComments, PAGE, type TestApp } from '../helpers/test-app.js'

let ks: KeyServer
let t: TestApp

beforeAll(async () => {
  ks = await startKeyServer()
  t = await createTestApp({
    providerEndpoints: ks.endpoints,
    site: {
      guests: { allowed: false, requireEmail: false },
      providers: [
        { id: 'google', type: 'google', clientId: 'g-client' },
        {
          id: 'corp',
          type: 'oidc',
          issuer: 'https://idp.example',
          clientId: 'corp-client',
          name: 'Corp SSO',
        },
      ],
      moderators: [{ provider: 'google', subject: 'mod-1' }],
    },
  })
})
afterAll(() => ks.close())

const signIn = async (sub: string, claims: Record<string, unknown> = {}) =>
  (await signInWithGoogle(t, ks, sub, claims)).token

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

describe('signed-in readers', () => {
  it('lists the site providers and guest rules, without secrets', async () => {
    const res = await t.app.request('/v1/sites/demo/auth/providers')
    expect(await res.json()).toEqual({
      providers: [
        { id: 'google', type: 'google', name: 'Google', clientId: 'g-client' },
        { id: 'corp', type: 'oidc', name: 'Corp SSO', clientId: 'corp-client' },
      ],
      guests: { allowed: false, requireEmail: false },
      formToken: expect.any(String),
    })
  })

  it('post as themselves on a site without guests; moderators are marked', async () => {
    const guest = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest('POST', { page: PAGE, body: 'hi', author: { name: 'G' } }),
    )
    expect((await problemOf(guest)).code).toBe('guests-not-allowed')
    const reader = await signIn('reader-1', { picture: 'http://insecure.example/a.png' })
    const moderator = await signIn('mod-1', { picture: 'https://pics.example/m.png' })
    const post = (token: string, body: string) =>
      t.app.request('/v1/sites/demo/comments', jsonRequest('POST', { page: PAGE, body }, bearer(token)))
    const a = (await bodyOf(await post(reader, 'from a reader'), 'postComment', 201)).comment
    const m = (await bodyOf(await post(moderator, 'from a moderator'), 'postComment', 201)).comment
    expect(a.author).toEqual({
      name: 'Reader reader-1',
      website: null,
      avatar: null,
      provider: 'google',
      verified: true,
      moderator: false,
    })
    expect(m.author).toMatchObject({ avatar: 'https://pics.example/m.png', moderator: true, verified: true })
    const { body } = await listComments(t.app)
    expect(JSON.stringify(body)).not.toContain('@example.com')
  })

  it('edit their own comments with their session, not anyone else’s', async () => {
    const mine = await signIn('reader-2')
    const other = await signIn('reader-3')
    const res = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest('POST', { page: PAGE, body: 'mine' }, bearer(mine)),
    )
    const { comment } = await bodyOf(res, 'postComment', 201)
    const url = `/v1/sites/demo/comments/${comment.id}`
    expect(
      (await t.app.request(url, jsonRequest('PATCH', { body: 'theirs now' }, bearer(other)))).status,
    ).toBe(403)
    expect((await t.app.request(url, { method: 'DELETE', headers: bearer(other) })).status).toBe(403)
    expect(
      (await t.app.request(url, jsonRequest('PATCH', { body: 'still mine' }, bearer(mine)))).status,
    ).toBe(200)
    expect((await t.app.request(url, { method: 'DELETE', headers: bearer(mine) })).status).toBe(204)
  })

  it('returns 401 invalid-token for a garbage session on a public route, writing nothing', async () => {
    const res = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest('POST', { page: PAGE, body: 'x' }, bearer('garbage')),
    )
    expect(res.status).toBe(401)
    expect((await problemOf(res)).code).toBe('invalid-token')
  })

  it('returns 400 validation for a provider the site does not have', async () => {
    const res = await t.app.request(
      '/v1/sites/demo/auth/token',
      jsonRequest('POST', { provider: 'github', idToken: 'x.y.z' }),
    )
    expect(res.status).toBe(400)
    expect((await problemOf(res)).errors?.[0]?.pointer).toBe('#/provider')
  })
})
