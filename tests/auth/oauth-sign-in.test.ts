import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDER_ENDPOINTS } from '../../shared/auth/provider-endpoints.js'
import { authorizeAs, cookieJar, handoffOf } from '../helpers/identity-provider.js'
import { OAUTH_CLIENTS, type OAuthServers, startOAuthServers } from '../helpers/oauth-servers.js'
import { bodyOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, jsonRequest, ORIGIN, PAGE, type TestApp } from '../helpers/test-app.js'

const API = 'http://api.parley.test'
const callbackOf = (providerId: string) => `${API}/v1/sites/demo/auth/${providerId}/callback`
const PROVIDER_IDS = ['gh', 'xp', 'xc', 'wp']

let s: OAuthServers
let t: TestApp

beforeAll(async () => {
  s = await startOAuthServers(PROVIDER_IDS.map(callbackOf))
  const { github, x, xConfidential, wordpress } = OAUTH_CLIENTS
  // The authorization server stamps its codes with the real time, so the app's clock starts there.
  t = await createTestApp({
    clockStart: Date.now(),
    providerEndpoints: { ...PROVIDER_ENDPOINTS, ...s.endpoints },
    site: {
      providers: [
        { id: 'gh', type: 'github', clientId: github.clientId, clientSecret: github.clientSecret },
        { id: 'xp', type: 'x', clientId: x.clientId },
        { id: 'xc', type: 'x', clientId: xConfidential.clientId, clientSecret: xConfidential.clientSecret },
        { id: 'wp', type: 'wordpress', clientId: wordpress.clientId, clientSecret: wordpress.clientSecret },
      ],
      moderators: [{ provider: 'gh', subject: s.subjectOf('maintainer') }],
    },
  })
})
afterAll(() => s.close())

/** The popup as a reader runs it: start at the API, sign in at the provider, back to the callback. */
async function popupSignIn(providerId: string, user: string) {
  const jar = cookieJar()
  const start = await t.app.request(
    `${API}/v1/sites/demo/auth/${providerId}/start?origin=${encodeURIComponent(ORIGIN)}`,
  )
  expect(start.status).toBe(302)
  jar.store(start)
  const authorize = new URL(start.headers.get('location') ?? '')
  const redirect = await authorizeAs(authorize.href, user, callbackOf(providerId))
  const callback = await t.app.request(redirect.href, { headers: { cookie: jar.header() } })
  const page = await callback.text()
  return { authorize, callback, page, ...handoffOf(page) }
}

const userItems = async () => (await tableItems(t)).filter((item) => item.sk === 'USER')
const userItemOf = async (issuer: string, subject: string) =>
  (await userItems()).find((u) => u.issuer === issuer && u.subject === subject)

/** Posts a comment with the session; answers the comment as the API shows it. */
async function postWith(token: string, body: string) {
  const res = await t.app.request(
    '/v1/sites/demo/comments',
    jsonRequest(
      'POST',
      { page: PAGE, body, author: { name: 'Impostor' } },
      { Authorization: `Bearer ${token}` },
    ),
  )
  expect(res.status).toBe(201)
  return (await bodyOf(res, 'postComment', 201)).comment
}

describe('GitHub sign-in (code + PKCE + client secret, then /user and /user/emails)', () => {
  it('redirects with state and S256, signs the reader in and posts a comment as the GitHub identity', async () => {
    s.setAccount('ada', { name: 'Ada Lovelace', email: 'ada@users.example', emailVerified: true })
    const { authorize, callback, message, target } = await popupSignIn('gh', 'ada')
    expect(authorize.origin + authorize.pathname).toBe(s.endpoints.github.authorizationEndpoint)
    expect(authorize.searchParams.get('client_id')).toBe(OAUTH_CLIENTS.github.clientId)
    expect(authorize.searchParams.get('scope')).toBe('read:user user:email')
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/)
    expect(authorize.searchParams.get('redirect_uri')).toBe(callbackOf('gh'))
    expect(callback.status).toBe(200)
    expect(target).toBe(ORIGIN)
    expect(message).toMatchObject({ type: 'parley:session', user: { name: 'Ada Lovelace', provider: 'gh' } })

    const comment = await postWith(message.token, 'Signed in with GitHub')
    expect(comment.author).toMatchObject({
      name: 'Ada Lovelace',
      provider: 'github',
      verified: true,
      moderator: false,
    })
    const user = await userItemOf('https://github.com', s.subjectOf('ada'))
    expect(user).toMatchObject({ providerType: 'github', email: 'ada@users.example' })
    expect(user?.avatar).toBe(`https://avatars.githubusercontent.com/u/${s.subjectOf('ada')}`)
  })

  it('keeps no e-mail when GitHub has not verified the primary address', async () => {
    s.setAccount('una', { name: 'Una', email: 'una@users.example', emailVerified: false })
    const { message } = await popupSignIn('gh', 'una')
    expect(message.type).toBe('parley:session')
    expect(await userItemOf('https://github.com', s.subjectOf('una'))).toMatchObject({ email: null })
  })

  it('shows the login when the GitHub profile has no display name', async () => {
    s.setAccount('nonamer', { name: null })
    const { message } = await popupSignIn('gh', 'nonamer')
    expect(message.user.name).toBe('nonamer')
  })

  it('lets a moderator listed by GitHub subject moderate, and no other GitHub reader', async () => {
    const moderator = await popupSignIn('gh', 'maintainer')
    const reader = await popupSignIn('gh', 'ada')
    const queue = (token: string) =>
      t.app.request('/v1/admin/sites/demo/comments?status=pending', {
        headers: { Authorization: `Bearer ${token}` },
      })
    expect((await queue(moderator.message.token)).status).toBe(200)
    const refused = await queue(reader.message.token)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: 'forbidden' })
    const comment = await postWith(moderator.message.token, 'From the maintainer')
    expect(comment.author).toMatchObject({ provider: 'github', moderator: true })
  })
})

describe('X sign-in (code + PKCE, then /2/users/me)', () => {
  it('signs a public client’s reader in with PKCE alone and posts as the X identity, with no e-mail', async () => {
    s.setAccount('xavier', { name: 'Xavier', username: 'xav' })
    const { authorize, message } = await popupSignIn('xp', 'xavier')
    expect(authorize.searchParams.get('scope')).toBe('users.read tweet.read')
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    const comment = await postWith(message.token, 'Signed in with X')
    expect(comment.author).toMatchObject({ name: 'Xavier', provider: 'x', verified: true })
    expect(s.hits).toContain('/2/users/me?user.fields=profile_image_url')
    const user = await userItemOf('https://x.com', s.subjectOf('xavier'))
    expect(user).toMatchObject({ providerType: 'x', email: null })
    expect(user?.avatar).toBe('https://pbs.twimg.com/profile_images/xavier_normal.jpg')
  })

  it('signs a confidential client’s reader in with its stored secret (HTTP Basic)', async () => {
    const { message } = await popupSignIn('xc', 'xena')
    expect(message).toMatchObject({ type: 'parley:session', user: { name: 'X xena', provider: 'xc' } })
    await postWith(message.token, 'Confidential X')
  })
})

describe('WordPress.com sign-in (code + client secret, then /rest/v1/me)', () => {
  it('sends no PKCE challenge, signs the reader in and posts as the WordPress.com identity', async () => {
    s.setAccount('wendy', { name: 'Wendy', email: 'wendy@wp.example', emailVerified: true })
    const { authorize, message } = await popupSignIn('wp', 'wendy')
    expect(authorize.searchParams.get('code_challenge')).toBeNull()
    expect(authorize.searchParams.get('scope')).toBe('auth')
    const comment = await postWith(message.token, 'Signed in with WordPress.com')
    expect(comment.author).toMatchObject({ name: 'Wendy', provider: 'wordpress', verified: true })
    expect(await userItemOf('https://wordpress.com', s.subjectOf('wendy'))).toMatchObject({
      providerType: 'wordpress',
      email: 'wendy@wp.example',
    })
  })

  it('keeps no e-mail WordPress.com has not verified', async () => {
    s.setAccount('wes', { email: 'wes@wp.example', emailVerified: false })
    await popupSignIn('wp', 'wes')
    expect(await userItemOf('https://wordpress.com', s.subjectOf('wes'))).toMatchObject({ email: null })
  })
})

describe('the ID-token exchange', () => {
  it('returns 401 invalid-token for a code-flow provider, which issues no ID tokens, and stores nothing', async () => {
    const before = (await userItems()).length
    const res = await t.app.request(
      '/v1/sites/demo/auth/token',
      jsonRequest('POST', { provider: 'gh', idToken: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.' }),
    )
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ code: 'invalid-token' })
    expect((await userItems()).length).toBe(before)
  })
})

describe('the providers the widget offers', () => {
  it('lists each provider with its name and public client id, and never a secret', async () => {
    const res = await t.app.request('/v1/sites/demo/auth/providers')
    const { providers } = await bodyOf(res, 'authProviders', 200)
    expect(providers).toEqual([
      { id: 'gh', type: 'github', name: 'GitHub', clientId: OAUTH_CLIENTS.github.clientId },
      { id: 'xp', type: 'x', name: 'X', clientId: OAUTH_CLIENTS.x.clientId },
      { id: 'xc', type: 'x', name: 'X', clientId: OAUTH_CLIENTS.xConfidential.clientId },
      { id: 'wp', type: 'wordpress', name: 'WordPress.com', clientId: OAUTH_CLIENTS.wordpress.clientId },
    ])
  })
})
