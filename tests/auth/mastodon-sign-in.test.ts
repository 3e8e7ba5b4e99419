import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cookieJar } from '../helpers/identity-provider.js'
import { problemOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import {
  createTestApp,
  freshIp,
  jsonRequest,
  listComments,
  ORIGIN,
  PAGE,
  type TestApp,
} from '../helpers/test-app.js'
import { testNetwork } from '../webhooks/network.js'
import { consentAtServer } from './mastodon-reader.js'
import { startTestMastodon, type TestMastodon } from './mastodon-test-server.js'

const API = 'http://api.parley.test'
const START = `${API}/v1/sites/demo/auth/masto/start`
const CALLBACK = `${API}/v1/sites/demo/auth/masto/callback`

let masto: TestMastodon
let other: TestMastodon
let t: TestApp
let lookups: string[]
let answer: (host: string, addresses: string[]) => void

beforeAll(async () => {
  ;[masto, other] = await Promise.all([startTestMastodon('mastodon.test'), startTestMastodon('other.test')])
  const resolver = testNetwork({
    'mastodon.test': ['127.0.0.1'],
    'other.test': ['127.0.0.1'],
    'private.example': ['10.0.0.7'],
    'metadata.example': ['169.254.169.254'],
    'rebind.example': ['93.184.216.34', '127.0.0.1'],
  })
  lookups = resolver.lookups
  answer = resolver.answer
  t = await createTestApp({
    // The server's tokens carry the real time; eight racing sign-ins share the suite's DynamoDB Local.
    clockStart: Date.now(),
    storeDeadlineMs: 20_000,
    mastodonNetwork: {
      lookup: resolver.network.lookup,
      loopbackServers: { 'mastodon.test': masto.origin, 'other.test': other.origin },
    },
    site: {
      providers: [
        { id: 'masto', type: 'mastodon' },
        { id: 'listed', type: 'mastodon', name: 'Our Mastodon', servers: ['mastodon.test'] },
      ],
    },
  })
})
afterAll(() => Promise.all([masto.close(), other.close()]))

const form = (fields: Record<string, string>, start = START) =>
  t.app.request(start, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })

/** The server step as the popup's form submits it: the redirect, and the flow cookie it set. */
async function submitServer(server: string, start = START) {
  const jar = cookieJar()
  const res = await form({ origin: ORIGIN, server }, start)
  jar.store(res)
  return { res, jar, authorize: new URL(res.headers.get('location') ?? 'about:blank') }
}

/** The whole popup: server step, the reader's consent at the server, and the API's callback. */
async function signIn(user: string, server = 'mastodon.test') {
  const { res, jar, authorize } = await submitServer(server)
  expect(res.status).toBe(302)
  const back = await consentAtServer(authorize.href, user, CALLBACK)
  const callback = await t.app.request(back.href, { headers: { cookie: jar.header() } })
  return { authorize, back, callback, jar }
}

/** The message and target origin the callback page posts to window.opener. */
function handoff(page: string) {
  const message = JSON.parse(/const message = (.*);/.exec(page)?.[1] ?? 'null')
  const target = JSON.parse(/postMessage\(message, (".*?")\)/.exec(page)?.[1] ?? 'null')
  return { message, target }
}

const usersOf = async () => (await tableItems(t)).filter((item) => item.sk === 'USER')
const appsOf = async () => (await tableItems(t)).filter((item) => String(item.sk).startsWith('APP#'))

describe('the Mastodon popup’s server step', () => {
  it('answers an accessible form that posts back to start, and nothing from elsewhere', async () => {
    const res = await t.app.request(`${START}?origin=${encodeURIComponent(ORIGIN)}`)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('<form method="post" action="start">')
    expect(page).toMatch(/<label for="server">[^<]+<\/label>/)
    expect(page).toContain('id="server" name="server"')
    expect(page).toContain(`name="origin" value="${ORIGIN}"`)
    expect(page).not.toMatch(/<(img|script)[^>]*src=/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("form-action 'self' https: ")
    expect(csp).toContain("default-src 'none'")
    // Under no-referrer a browser would post the form with Origin: null, which the site check refuses.
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('offers only the site’s servers as choices when it lists them', async () => {
    const res = await t.app.request(
      `${API}/v1/sites/demo/auth/listed/start?origin=${encodeURIComponent(ORIGIN)}`,
    )
    const page = await res.text()
    expect(page).toContain('<select id="server" name="server"')
    expect(page).toContain('<option value="mastodon.test">mastodon.test</option>')
    expect(page).toContain('Sign in with Our Mastodon')
    // The form's redirect may lead to the listed servers only (and the test's loopback ones).
    const csp = res.headers.get('content-security-policy') ?? ''
    const formAction = csp.split('; ').find((d) => d.startsWith('form-action'))
    expect(formAction?.split(' ').slice(0, 3)).toEqual(['form-action', "'self'", 'https://mastodon.test'])
    expect(formAction?.split(' ')).not.toContain('https:')
  })

  it('refuses an opener on an origin that is not the site’s with 403 origin-not-allowed', async () => {
    const page = await t.app.request(`${START}?origin=${encodeURIComponent('https://evil.example')}`)
    expect(page.status).toBe(403)
    const res = await form({ origin: 'https://evil.example', server: 'mastodon.test' })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('data-problem-code="origin-not-allowed"')
  })

  it('redirects to the server’s /oauth/authorize with state, PKCE S256 and read:accounts, registered once', async () => {
    const before = masto.registrations.length
    const { res, authorize } = await submitServer('https://Mastodon.test/')
    expect(res.status).toBe(302)
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${masto.origin}/oauth/authorize`)
    expect(authorize.searchParams.get('response_type')).toBe('code')
    expect(authorize.searchParams.get('scope')).toBe('read:accounts')
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{43}$/)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toContain('Path=/v1/sites/demo/auth/masto/callback')

    const again = await submitServer('@someone@mastodon.test')
    expect(again.authorize.searchParams.get('client_id')).toBe(authorize.searchParams.get('client_id'))
    expect(masto.registrations.length - before).toBeLessThanOrEqual(1)
    expect(masto.registrations.filter((r) => r.redirectUri === CALLBACK)).toHaveLength(1)
  })

  it.each([
    ['an IP address', '93.184.216.34'],
    ['a loopback address', '127.0.0.1'],
    ['a decimal IP', '2130706433'],
    ['a bracketed IPv6', '[::1]'],
    ['localhost', 'localhost'],
    ['not a host at all', 'not a host'],
    ['a name with a path', 'mastodon.test/@me'],
    ['a name with a port', 'mastodon.test:8443'],
    ['a name with user info', 'https://me@mastodon.test/'],
    ['a name that resolves to a private address', 'private.example'],
    ['a name that resolves to the metadata address', 'metadata.example'],
    ['a name that rebinds to loopback', 'rebind.example'],
    ['a name that does not resolve', 'nowhere.example'],
    ['empty', ''],
  ])('shows the form again with 400 validation for %s, registering nothing', async (_what, server) => {
    const apps = (await appsOf()).length
    const res = await form({ origin: ORIGIN, server })
    expect(res.status).toBe(400)
    expect(res.headers.get('set-cookie')).toBeNull()
    const page = await res.text()
    expect(page).toContain('data-problem-code="validation"')
    expect(page).toContain('role="alert"')
    expect(page).toContain('aria-invalid="true"')
    expect(page).toContain('<form method="post" action="start">')
    expect(await appsOf()).toHaveLength(apps)
  })

  it('asks no resolver about an IP literal or a server the site does not list', async () => {
    const before = lookups.length
    expect((await form({ origin: ORIGIN, server: '169.254.169.254' })).status).toBe(400)
    const unlisted = await form(
      { origin: ORIGIN, server: 'other.test' },
      `${API}/v1/sites/demo/auth/listed/start`,
    )
    expect(unlisted.status).toBe(400)
    expect(await unlisted.text()).toContain('not one of the servers this site accepts')
    expect(lookups.length).toBe(before)
  })

  it('refuses a server whose registration redirects with 400 validation, keeping no app', async () => {
    other.apps = 'redirect'
    const res = await form({ origin: ORIGIN, server: 'other.test' })
    other.apps = 'ok'
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('data-problem-code="validation"')
    expect((await appsOf()).filter((item) => String(item.pk).endsWith('#other.test'))).toHaveLength(0)
  })

  it('refuses a body that is no form with 415, and an oversized one with 413, registering nothing', async () => {
    // Refused with the body, before the route: answered as problems, as the manifest documents
    // (a browser's form is never either).
    const apps = (await appsOf()).length
    const json = await t.app.request(START, jsonRequest('POST', { origin: ORIGIN, server: 'mastodon.test' }))
    expect(json.status).toBe(415)
    expect((await problemOf(json)).code).toBe('unsupported-media-type')
    const big = await t.app.request(START, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ origin: ORIGIN, server: 'a'.repeat(9000) }).toString(),
    })
    expect(big.status).toBe(413)
    expect((await problemOf(big)).code).toBe('payload-too-large')
    expect(await appsOf()).toHaveLength(apps)
  })

  it('shows the form again with 400 validation for a server field over 300 characters', async () => {
    const res = await form({ origin: ORIGIN, server: `${'a'.repeat(310)}.example` })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('data-problem-code="validation"')
  })
})

describe('signing in with Mastodon', () => {
  it('signs in as the server’s account (issuer its origin, subject the account id) and posts as it', async () => {
    const { back, callback } = await signIn('ada')
    expect(back.searchParams.get('iss')).toBe(masto.origin)
    expect(callback.status).toBe(200)
    const { message, target } = handoff(await callback.text())
    expect(target).toBe(ORIGIN)
    expect(message).toMatchObject({
      type: 'parley:session',
      user: { name: 'Ada on Mastodon', provider: 'masto' },
    })
    const [user] = (await usersOf()).filter((item) => item.issuer === masto.origin)
    expect(user).toMatchObject({ issuer: masto.origin, subject: BigInt('0x616461').toString() })
    expect(user?.email ?? null).toBeNull()

    const posted = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest(
        'POST',
        { page: PAGE, body: 'Tooted from the fediverse' },
        { authorization: `Bearer ${message.token}`, 'x-test-client-ip': freshIp() },
      ),
    )
    expect(posted.status).toBe(201)
    const { body } = await listComments(t.app)
    expect(body?.comments.at(-1)?.author).toMatchObject({
      name: 'Ada on Mastodon',
      provider: 'mastodon',
      verified: true,
    })
  })

  it('keeps the same user for the same account, and another for the same name on another server', async () => {
    await signIn('bea')
    await signIn('bea')
    const { callback } = await signIn('bea', 'other.test')
    expect(callback.status).toBe(200)
    const beas = (await usersOf()).filter((item) => item.subject === BigInt('0x626561').toString())
    expect(beas.map((u) => u.issuer).sort()).toEqual([masto.origin, other.origin].sort())
  })

  it('answers 401 invalid-token for a replayed callback, and one with a foreign state', async () => {
    const { back, jar, callback } = await signIn('cy')
    expect(callback.status).toBe(200)
    const replay = await t.app.request(back.href, { headers: { cookie: jar.header() } })
    expect(replay.status).toBe(401)
    expect(await replay.text()).toContain('data-problem-code="invalid-token"')

    const started = await submitServer('mastodon.test')
    const foreign = new URL(back.href)
    foreign.searchParams.set('state', 'a-state-this-flow-never-had-aaaaaaaaaaaaaaaa')
    const res = await t.app.request(foreign.href, { headers: { cookie: started.jar.header() } })
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('data-problem-code="invalid-token"')
  })

  it('answers 401 invalid-token for a code from another server, and stores no user', async () => {
    const users = (await usersOf()).length
    // A flow started at mastodon.test, and a code the reader got at other.test for its own flow.
    const atMasto = await submitServer('mastodon.test')
    const atOther = await submitServer('other.test')
    const otherBack = await consentAtServer(atOther.authorize.href, 'dee', CALLBACK)
    const forged = new URL(CALLBACK)
    forged.searchParams.set('code', otherBack.searchParams.get('code') ?? '')
    forged.searchParams.set('state', atMasto.authorize.searchParams.get('state') ?? '')
    const withIss = new URL(forged)
    withIss.searchParams.set('iss', other.origin)
    for (const url of [forged, withIss]) {
      const res = await t.app.request(url.href, { headers: { cookie: atMasto.jar.header() } })
      expect(res.status).toBe(401)
      expect(await res.text()).toContain('data-problem-code="invalid-token"')
    }
    expect(await usersOf()).toHaveLength(users)
  })

  it.each([
    ['redirects', 'redirect', 401, 'invalid-token'],
    ['answers more than 64 KiB', 'oversized', 401, 'invalid-token'],
    ['answers a profile without an id', 'no-id', 401, 'invalid-token'],
    ['never finishes its answer', 'slow', 503, 'unavailable'],
  ] as const)(
    'answers a profile server that %s with %i %s, storing no user',
    async (_what, mode, status, code) => {
      const users = (await usersOf()).length
      const { res, jar, authorize } = await submitServer('mastodon.test')
      expect(res.status).toBe(302)
      const back = await consentAtServer(authorize.href, `eve-${mode}`, CALLBACK)
      masto.profile = mode
      const callback = await t.app.request(back.href, { headers: { cookie: jar.header() } })
      masto.profile = 'ok'
      expect(callback.status).toBe(status)
      expect(await callback.text()).toContain(`data-problem-code="${code}"`)
      expect(await usersOf()).toHaveLength(users)
    },
    20_000,
  )

  it.each([
    ['a token answer of the wrong shape', 'wrong-shape'],
    ['a token answer that is not JSON', 'not-json'],
    ['a token endpoint that redirects', 'redirect'],
  ] as const)('answers 401 invalid-token for %s, storing no user', async (_what, mode) => {
    const users = (await usersOf()).length
    const { jar, authorize } = await submitServer('mastodon.test')
    const back = await consentAtServer(authorize.href, `ivy-${mode}`, CALLBACK)
    masto.token = mode
    const callback = await t.app.request(back.href, { headers: { cookie: jar.header() } })
    masto.token = 'ok'
    expect(callback.status).toBe(401)
    expect(await callback.text()).toContain('data-problem-code="invalid-token"')
    expect(await usersOf()).toHaveLength(users)
  })

  it('registers once when eight first sign-ins through a new server race', async () => {
    const racing = await startTestMastodon('race.test')
    try {
      answer('race.test', ['127.0.0.1'])
      t.deps.mastodon.network.loopbackServers = {
        ...t.deps.mastodon.network.loopbackServers,
        'race.test': racing.origin,
      }
      racing.appsDelayMs = 50
      const answers = await Promise.all(Array.from({ length: 8 }, () => submitServer('race.test')))
      expect(answers.map((a) => a.res.status)).toEqual(Array(8).fill(302))
      const clientIds = new Set(answers.map((a) => a.authorize.searchParams.get('client_id')))
      expect(clientIds.size).toBe(1)
      expect((await appsOf()).filter((item) => String(item.pk).endsWith('#race.test'))).toHaveLength(1)
      // The reader of any of them signs in with the app that was kept.
      const back = await consentAtServer(answers[5]?.authorize.href ?? '', 'fay', CALLBACK)
      const callback = await t.app.request(back.href, { headers: { cookie: answers[5]?.jar.header() ?? '' } })
      expect(callback.status).toBe(200)
    } finally {
      await racing.close()
    }
  })

  it('makes a moderator of the listed account on its own server only, never of the same id elsewhere', async () => {
    const id = BigInt(`0x${Buffer.from('hal').toString('hex')}`).toString()
    const site = await t.deps.sites.get('demo')
    await t.deps.sites.replace('demo', {
      ...site,
      moderators: [{ provider: 'masto', subject: `${id}@mastodon.test` }],
    })
    const queue = async (server: string) => {
      const { callback } = await signIn('hal', server)
      const { message } = handoff(await callback.text())
      return t.app.request('/v1/admin/sites/demo/comments?status=pending', {
        headers: { authorization: `Bearer ${message.token}` },
      })
    }
    try {
      expect((await queue('mastodon.test')).status).toBe(200)
      // Anyone may run a server and give an account the moderator's id: that is someone else.
      const impostor = await queue('other.test')
      expect(impostor.status).toBe(403)
      expect((await problemOf(impostor)).code).toBe('forbidden')
    } finally {
      await t.deps.sites.replace('demo', { ...site, moderators: [] })
    }
  })

  it('never answers or logs a client secret or an access token', async () => {
    const { callback } = await signIn('gil')
    const page = await callback.text()
    const secrets = (await appsOf()).map((item) => String(item.sealedSecret))
    expect(secrets.length).toBeGreaterThan(0)
    const logs = JSON.stringify(t.logs)
    for (const sealed of secrets) {
      expect(page).not.toContain(sealed)
      expect(logs).not.toContain(sealed)
    }
    const providers = await t.app.request(`${API}/v1/sites/demo/auth/providers`)
    expect(JSON.stringify(await providers.json())).not.toMatch(/secret|client_id/i)
  })
})
