import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  authorizeAs,
  cookieJar,
  handoffOf,
  startIdentityProvider,
  type TestIdentityProvider,
} from '../helpers/identity-provider.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, jsonRequest, listComments, ORIGIN, PAGE, type TestApp } from '../helpers/test-app.js'

const API = 'http://api.parley.test'
const CALLBACK = `${API}/v1/sites/demo/auth/corp/callback`

let idp: TestIdentityProvider
let t: TestApp

beforeAll(async () => {
  idp = await startIdentityProvider([CALLBACK])
  // The provider stamps its tokens with the real time, so the app's clock starts there too.
  t = await createTestApp({
    clockStart: Date.now(),
    site: { providers: [{ id: 'corp', type: 'oidc', issuer: idp.issuer, clientId: idp.clientId }] },
  })
})
afterAll(() => idp.close())

/** Follows the provider's redirects and answers its login and consent pages, as a reader would. */
const signInAtProvider = (authorizeUrl: string, user: string) => authorizeAs(authorizeUrl, user, CALLBACK)

/** Starts the popup at the API, signs in at the provider, and calls the API's callback with its cookie. */
async function popupSignIn(user: string, origin = ORIGIN) {
  const appJar = cookieJar()
  const start = await t.app.request(
    `${API}/v1/sites/demo/auth/corp/start?origin=${encodeURIComponent(origin)}`,
  )
  expect(start.status).toBe(302)
  appJar.store(start)
  const authorize = new URL(start.headers.get('location') ?? '')
  const redirect = await signInAtProvider(authorize.href, user)
  const callback = await t.app.request(redirect.href, { headers: { cookie: appJar.header() } })
  return { authorize, redirect, callback }
}

const handoff = handoffOf

describe('OIDC sign-in popup against a real OpenID Provider', () => {
  it('runs code + PKCE S256 with state and nonce, and posts the session to the exact opener origin', async () => {
    const { authorize, redirect, callback } = await popupSignIn('ada')
    expect(authorize.origin).toBe(idp.issuer)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authorize.searchParams.get('state')).toBeTruthy()
    expect(authorize.searchParams.get('nonce')).toBeTruthy()
    expect(redirect.searchParams.get('iss')).toBe(idp.issuer)

    expect(callback.status).toBe(200)
    expect(callback.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    const { message, target } = handoff(await callback.text())
    expect(target).toBe(ORIGIN)
    expect(message).toMatchObject({ type: 'parley:session', user: { name: 'Reader ada', provider: 'corp' } })

    const me = await t.app.request('/v1/sites/demo/auth/me', {
      headers: { Authorization: `Bearer ${message.token}` },
    })
    expect((await bodyOf(me, 'authMe', 200)).user).toMatchObject({
      name: 'Reader ada',
      avatar: 'https://pictures.example/ada.png',
    })

    // Then a comment posted with the session: verified, author from the provider, `author` ignored.
    const post = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest(
        'POST',
        { page: PAGE, body: 'Signed in!', author: { name: 'Impostor' } },
        { Authorization: `Bearer ${message.token}` },
      ),
    )
    expect(post.status).toBe(201)
    const { comment, editToken } = await bodyOf(post, 'postComment', 201)
    expect(editToken).toBeUndefined()
    expect(comment.author).toMatchObject({
      name: 'Reader ada',
      provider: 'oidc',
      verified: true,
      moderator: false,
    })
    const { body } = await listComments(t.app)
    expect(JSON.stringify(body)).not.toContain('ada@example.com')

    // The author edits and deletes it with the session alone.
    const edit = await t.app.request(
      `/v1/sites/demo/comments/${comment.id}`,
      jsonRequest('PATCH', { body: 'Edited' }, { Authorization: `Bearer ${message.token}` }),
    )
    expect(edit.status).toBe(200)
  })

  it('refuses a callback whose state or cookie does not match, writing nothing', async () => {
    const appJar = cookieJar()
    const start = await t.app.request(
      `${API}/v1/sites/demo/auth/corp/start?origin=${encodeURIComponent(ORIGIN)}`,
    )
    appJar.store(start)
    const redirect = await signInAtProvider(start.headers.get('location') ?? '', 'eve')
    const before = (await tableItems(t)).length
    const forged = new URL(redirect)
    forged.searchParams.set('state', 'forged')
    const wrongState = await t.app.request(forged.href, { headers: { cookie: appJar.header() } })
    expect(wrongState.status).toBe(401)
    const noCookie = await t.app.request(redirect.href)
    expect(noCookie.status).toBe(401)
    expect(noCookie.headers.get('content-type')).toContain('text/html')
    expect(await noCookie.text()).toContain('Sign-in failed')
    expect((await tableItems(t)).length).toBe(before)
  })

  it('refuses a code used twice', async () => {
    const appJar = cookieJar()
    const start = await t.app.request(
      `${API}/v1/sites/demo/auth/corp/start?origin=${encodeURIComponent(ORIGIN)}`,
    )
    appJar.store(start)
    const redirect = await signInAtProvider(start.headers.get('location') ?? '', 'bob')
    expect((await t.app.request(redirect.href, { headers: { cookie: appJar.header() } })).status).toBe(200)
    const again = await t.app.request(redirect.href, { headers: { cookie: appJar.header() } })
    expect(again.status).toBe(401)
  })

  it('returns 403 origin-not-allowed when the opener is not one of the site origins', async () => {
    const res = await t.app.request(
      `${API}/v1/sites/demo/auth/corp/start?origin=${encodeURIComponent('https://evil.example')}`,
    )
    expect(res.status).toBe(403)
    expect((await problemOf(res)).code).toBe('origin-not-allowed')
  })
})
