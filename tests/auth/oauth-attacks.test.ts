import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDER_ENDPOINTS } from '../../shared/auth/provider-endpoints.js'
import { authorizeAs, cookieJar, failureCodeOf, handoffOf } from '../helpers/identity-provider.js'
import { OAUTH_CLIENTS, type OAuthServers, startOAuthServers } from '../helpers/oauth-servers.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js'

const API = 'http://api.parley.test'
const callbackOf = (providerId: string) => `${API}/v1/sites/demo/auth/${providerId}/callback`

let s: OAuthServers
let t: TestApp
/** A token endpoint answering whatever the test sets: the wrong shapes a broken provider sends. */
let tokenServer: Server
let tokenAnswer: { status: number; body: string } = { status: 200, body: '{}' }

beforeAll(async () => {
  s = await startOAuthServers([callbackOf('gh'), callbackOf('other'), callbackOf('wp'), callbackOf('bad')])
  tokenServer = createServer((_req, res) => {
    res.statusCode = tokenAnswer.status
    res.setHeader('Content-Type', 'application/json')
    res.end(tokenAnswer.body)
  })
  await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve))
  const tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`
  const { github, other, wordpress } = OAUTH_CLIENTS
  const gh = s.endpoints.github
  t = await createTestApp({
    clockStart: Date.now(),
    // WordPress.com's endpoints carry the broken token server: the `bad` provider below uses them.
    providerEndpoints: { ...PROVIDER_ENDPOINTS, github: gh, wordpress: { ...gh, tokenEndpoint: tokenUrl } },
    site: {
      providers: [
        { id: 'gh', type: 'github', clientId: github.clientId, clientSecret: github.clientSecret },
        // Another GitHub app at the same server: its codes are not ours.
        { id: 'other', type: 'github', clientId: other.clientId, clientSecret: other.clientSecret },
        { id: 'bad', type: 'wordpress', clientId: wordpress.clientId, clientSecret: wordpress.clientSecret },
      ],
    },
  })
})
afterAll(async () => {
  await s.close()
  tokenServer.closeAllConnections()
  await new Promise<void>((resolve) => tokenServer.close(() => resolve()))
})

/** The captured log entries as the JSON logger writes them: errors with their name, message, stack and cause. */
const logLines = (entries: unknown[]) =>
  JSON.stringify(entries, (_key, value: unknown) =>
    value instanceof Error
      ? { name: value.name, message: value.message, stack: value.stack, cause: value.cause }
      : value,
  )

const userCount = async () => (await tableItems(t)).filter((item) => item.sk === 'USER').length
const INVALID_TOKEN = { status: 401, code: 'invalid-token' }

/** Runs an attack's steps and proves they stored no user. */
async function storingNoUser(attack: () => Promise<void>) {
  const before = await userCount()
  await attack()
  expect(await userCount()).toBe(before)
}

/** Starts a popup flow: the sealed flow's cookie and the authorize URL the reader is sent to. */
async function start(providerId: string) {
  const jar = cookieJar()
  const res = await t.app.request(
    `${API}/v1/sites/demo/auth/${providerId}/start?origin=${encodeURIComponent(ORIGIN)}`,
  )
  expect(res.status).toBe(302)
  jar.store(res)
  return { jar, authorize: new URL(res.headers.get('location') ?? '') }
}

/** Calls a callback; answers its status and the problem code its failure page names. */
async function callback(url: string, cookie: string) {
  const res = await t.app.request(url, { headers: cookie ? { cookie } : {} })
  const page = await res.text()
  return { status: res.status, code: failureCodeOf(page), page }
}

/** Runs the whole flow as `user` with the profile server in `mode`; answers the callback's result. */
async function signInWhileProfile(mode: Parameters<OAuthServers['setMode']>[0], user: string) {
  const { jar, authorize } = await start('gh')
  const redirect = await authorizeAs(authorize.href, user, callbackOf('gh'))
  s.setMode(mode)
  try {
    return await callback(redirect.href, jar.header())
  } finally {
    s.setMode('normal')
  }
}

describe('OAuth code-flow attacks: each refused, nothing stored', () => {
  it('refuses a replayed callback (state and code used once already) with 401 invalid-token', async () => {
    const { jar, authorize } = await start('gh')
    const redirect = await authorizeAs(authorize.href, 'replayer', callbackOf('gh'))
    const first = await callback(redirect.href, jar.header())
    expect(first.status).toBe(200)
    expect(handoffOf(first.page).message.type).toBe('parley:session')
    await storingNoUser(async () => {
      expect(await callback(redirect.href, jar.header())).toMatchObject(INVALID_TOKEN)
    })
  })

  it('refuses a foreign state: another flow’s callback under this flow’s cookie', async () => {
    await storingNoUser(async () => {
      const mine = await start('gh')
      const theirs = await start('gh')
      const redirect = await authorizeAs(theirs.authorize.href, 'victim', callbackOf('gh'))
      expect(await callback(redirect.href, mine.jar.header())).toMatchObject(INVALID_TOKEN)
      const forged = new URL(redirect)
      forged.searchParams.set('state', 'forged-state')
      expect(await callback(forged.href, theirs.jar.header())).toMatchObject(INVALID_TOKEN)
    })
  })

  it('refuses a callback without its flow cookie (no PKCE verifier) or with a tampered one', async () => {
    await storingNoUser(async () => {
      const { jar, authorize } = await start('gh')
      const redirect = await authorizeAs(authorize.href, 'cookieless', callbackOf('gh'))
      expect(await callback(redirect.href, '')).toMatchObject(INVALID_TOKEN)
      const cookie = jar.header()
      const tampered = cookie.replace(/=(.)/, (_m, ch: string) => `=${ch === 'A' ? 'B' : 'A'}`)
      expect(await callback(redirect.href, tampered)).toMatchObject(INVALID_TOKEN)
    })
  })

  it('refuses a code issued to another client, even with this flow’s state and cookie', async () => {
    await storingNoUser(async () => {
      const mine = await start('gh')
      const theirs = await start('other')
      const theirRedirect = await authorizeAs(theirs.authorize.href, 'mallory', callbackOf('other'))
      const spliced = new URL(callbackOf('gh'))
      spliced.searchParams.set('code', theirRedirect.searchParams.get('code') ?? '')
      spliced.searchParams.set('state', mine.authorize.searchParams.get('state') ?? '')
      spliced.searchParams.set('iss', s.issuer)
      expect(await callback(spliced.href, mine.jar.header())).toMatchObject(INVALID_TOKEN)
    })
  })

  it('refuses an authorization response whose iss is another server’s', async () => {
    await storingNoUser(async () => {
      const { jar, authorize } = await start('gh')
      const redirect = await authorizeAs(authorize.href, 'issless', callbackOf('gh'))
      redirect.searchParams.set('iss', 'https://evil.example')
      expect(await callback(redirect.href, jar.header())).toMatchObject(INVALID_TOKEN)
    })
  })

  /** A callback for a flow just started, with the query `params` (a provider error, a made-up code). */
  async function callbackWith(providerId: string, params: Record<string, string>) {
    const { jar, authorize } = await start(providerId)
    const url = new URL(callbackOf(providerId))
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
    url.searchParams.set('state', authorize.searchParams.get('state') ?? '')
    return callback(url.href, jar.header())
  }

  it('refuses a callback that carries the provider’s error instead of a code', async () => {
    expect(await callbackWith('gh', { error: 'access_denied' })).toMatchObject(INVALID_TOKEN)
  })

  it.each([
    ['no access token', { status: 200, body: '{"token_type":"bearer"}' }],
    [
      'an access token that is not a string',
      { status: 200, body: '{"access_token":42,"token_type":"bearer"}' },
    ],
    ['no token type', { status: 200, body: '{"access_token":"abc"}' }],
    ['not JSON', { status: 200, body: 'access_token=abc&token_type=bearer' }],
    ['an error', { status: 400, body: '{"error":"invalid_grant"}' }],
  ])('refuses a token response with %s as 401 invalid-token', async (_name, answer) => {
    await storingNoUser(async () => {
      tokenAnswer = answer
      expect(await callbackWith('bad', { code: 'any-code' })).toMatchObject(INVALID_TOKEN)
    })
  })

  it.each([
    ['redirects', 'redirect'],
    ['answers more than 64 KiB', 'oversized'],
    ['answers a profile without an id', 'no-id'],
  ] as const)('refuses with 401 invalid-token when the profile API %s', async (_name, mode) => {
    await storingNoUser(async () => {
      expect(await signInWhileProfile(mode, `victim-${mode}`)).toMatchObject(INVALID_TOKEN)
    })
    // A redirect is never followed: the profile server saw no request for the moved location.
    expect(s.hits.some((hit) => hit.includes('moved=1'))).toBe(false)
  })

  it('answers 503 unavailable when the profile API fails or takes longer than 5 s', async () => {
    const unavailable = { status: 503, code: 'unavailable' }
    await storingNoUser(async () => {
      expect(await signInWhileProfile('error', 'victim-error')).toMatchObject(unavailable)
      const started = Date.now()
      expect(await signInWhileProfile('slow', 'victim-slow')).toMatchObject(unavailable)
      expect(Date.now() - started).toBeLessThan(7_500)
    })
    // Both were logged, with their causes, and the lines name no client secret or access token.
    const logged = logLines(t.logs)
    expect(logged).toContain('TimeoutError')
    expect(s.tokens.size).toBeGreaterThan(0)
    for (const token of s.tokens) expect(logged).not.toContain(token)
    for (const { clientSecret } of [OAUTH_CLIENTS.github, OAUTH_CLIENTS.wordpress])
      expect(logged).not.toContain(clientSecret)
  }, 20_000)
})
