import { randomBytes } from 'node:crypto'
import {
  CompactEncrypt,
  type CryptoKey,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  importJWK,
  SignJWT,
} from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signingKeyFromSeed } from '../../shared/auth/session-keys.js'
import { createSessions, SESSION_TYPE } from '../../shared/auth/sessions.js'
import { deriveKeys } from '../../shared/crypto/keys.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, freshIp, jsonRequest, ORIGIN, PAGE, type TestApp } from '../helpers/test-app.js'

/**
 * The issue's attack matrix, against the running app: every forged, stale, misdirected or
 * misused credential is answered 401 `invalid-token` or 403 `forbidden` (problem+json), and the
 * table is byte-for-byte what it was before the request.
 */

const SITE_B = 'other-blog'
const ORIGIN_B = 'https://other.example'
const ISSUER = 'urn:parley:api'
const TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad'
const EMAIL = 'ada.secret@example.com'

const site = {
  providers: [
    { id: 'google', type: 'google' as const, clientId: 'g-client' },
    { id: 'ms', type: 'microsoft' as const, clientId: 'ms-client' },
    { id: 'apple', type: 'apple' as const, clientId: 'apple-client' },
    { id: 'fb', type: 'facebook' as const, clientId: 'fb-app' },
  ],
  moderators: [{ provider: 'google', subject: 'mod-1' }],
}

let ks: KeyServer
/** The attacker's own key server: its keys are never published by any provider. */
let evil: KeyServer
/** Target of the ID-token attacks: no sign-in ever succeeds on it, so it must never hold a user. */
let idT: TestApp
/** Target of the session attacks and the positive controls: sites `demo` and {@link SITE_B}. */
let t: TestApp
let commenter: { token: string; userId: string }
let moderator: { token: string; userId: string }

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const seconds = (app: TestApp) => Math.floor(app.clock() / 1000)

/** A Google ID token that is right in every way, for the app `app`'s clock. */
const googleClaims = (app: TestApp, overrides: Record<string, unknown> = {}) => {
  const now = seconds(app)
  return {
    iss: 'https://accounts.google.com',
    aud: 'g-client',
    sub: 'attacker-1',
    iat: now - 10,
    exp: now + 3600,
    name: 'Mallory',
    email: 'mallory@example.com',
    email_verified: true,
    picture: 'https://lh3.googleusercontent.com/a/mallory',
    ...overrides,
  }
}

const microsoftClaims = (app: TestApp, overrides: Record<string, unknown> = {}) =>
  googleClaims(app, {
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    aud: 'ms-client',
    tid: TENANT,
    ...overrides,
  })

const without = (claims: Record<string, unknown>, name: string) => {
  const { [name]: _dropped, ...rest } = claims
  return rest
}

const exchange = (app: TestApp, idToken: string, provider = 'google') =>
  app.app.request('/v1/sites/demo/auth/token', jsonRequest('POST', { provider, idToken }))

/** Signs in on site `demo` of {@link t} with a valid Google token; returns the session. */
async function signIn(sub: string) {
  const res = await exchange(t, await ks.sign(googleClaims(t, { sub, name: sub, email: EMAIL })))
  expect(res.status).toBe(200)
  const body = await bodyOf(res, 'authToken', 200)
  return { token: body.token, userId: body.user.id }
}

/** A session for `demo` signed with a key the app never had (a retired or a stolen-elsewhere key). */
const sessionFromAnotherKey = (userId: string, subject: string) =>
  createSessions(deriveKeys(randomBytes(32)), ISSUER).issue(
    {
      userId,
      siteId: 'demo',
      providerId: 'google',
      providerType: 'google',
      subject,
      name: subject,
      avatar: null,
    },
    t.clock(),
  )

/** Session-shaped claims for `demo`, signed by hand. */
const sessionClaims = (userId: string, subject: string) => {
  const now = seconds(t)
  return {
    iss: ISSUER,
    aud: 'demo',
    sub: userId,
    iat: now,
    exp: now + 3600,
    pid: 'google',
    ptype: 'google',
    psub: subject,
    name: subject,
  }
}

/** The public half of a key server's key, with nothing else (no kid, alg or use). */
const rsaPublic = (server: KeyServer) => ({
  kty: 'RSA',
  n: String(server.publicJwk.n),
  e: String(server.publicJwk.e),
})

/** The kid of the app's current session key, as its own sessions carry it. */
const currentKid = () => String(decodeProtectedHeader(commenter.token).kid)

const commentOnB = (token: string) =>
  t.app.request(
    `/v1/sites/${SITE_B}/comments`,
    jsonRequest(
      'POST',
      { page: `${ORIGIN_B}/post`, body: 'Hello from site A' },
      {
        ...bearer(token),
        'x-test-client-ip': freshIp(),
      },
    ),
  )

interface Case {
  name: string
  /** The app whose table must stay untouched. */
  target: () => TestApp
  send: () => Response | Promise<Response>
  status: 401 | 403
  code: 'invalid-token' | 'forbidden'
}

/** An ID token sent to `POST /v1/sites/demo/auth/token` of {@link idT}: always 401 invalid-token. */
const idToken = (name: string, token: () => Promise<string>, provider = 'google'): Case => ({
  name,
  target: () => idT,
  send: async () => exchange(idT, await token(), provider),
  status: 401,
  code: 'invalid-token',
})

/** A request carrying a session on {@link t}. */
const withSession = (
  name: string,
  send: () => Response | Promise<Response>,
  status: 401 | 403 = 401,
  code: 'invalid-token' | 'forbidden' = 'invalid-token',
): Case => ({ name, target: () => t, send, status, code })

const cases: Case[] = [
  idToken('alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(googleClaims(idT))}.`),
  idToken(
    'alg NONE with the published kid',
    async () => `${b64({ alg: 'NONE', kid: ks.kid })}.${b64(googleClaims(idT))}.`,
  ),
  idToken('HS256 keyed with the public JWK', () =>
    new SignJWT(googleClaims(idT))
      .setProtectedHeader({ alg: 'HS256', kid: ks.kid })
      .sign(new TextEncoder().encode(JSON.stringify(ks.publicJwk))),
  ),
  idToken('HS256 keyed with the public key PEM', async () => {
    const pem = await exportSPKI((await importJWK(ks.publicJwk, 'RS256', { extractable: true })) as CryptoKey)
    return new SignJWT(googleClaims(idT))
      .setProtectedHeader({ alg: 'HS256', kid: ks.kid })
      .sign(new TextEncoder().encode(pem))
  }),
  idToken('unknown kid (attacker key)', () => evil.sign(googleClaims(idT), { kid: 'rogue-key' })),
  idToken('jku header to attacker JWKS', () =>
    evil.sign(googleClaims(idT), { jku: `${evil.base}/google/certs` }),
  ),
  idToken('x5u header to attacker cert', () => evil.sign(googleClaims(idT), { x5u: `${evil.base}/x5u.pem` })),
  idToken('embedded jwk header (attacker key)', () =>
    evil.sign(googleClaims(idT), {
      jwk: rsaPublic(evil),
    }),
  ),
  idToken('embedded jwk header, no kid', () =>
    evil.sign(googleClaims(idT), {
      kid: undefined,
      jwk: rsaPublic(evil),
    }),
  ),
  idToken('expired (1 h ago)', () =>
    ks.sign(googleClaims(idT, { iat: seconds(idT) - 7200, exp: seconds(idT) - 3600 })),
  ),
  idToken('expired 61 s ago (past tolerance)', () =>
    ks.sign(googleClaims(idT, { iat: seconds(idT) - 3600, exp: seconds(idT) - 61 })),
  ),
  idToken('nbf in the future', () => ks.sign(googleClaims(idT, { nbf: seconds(idT) + 3600 }))),
  idToken('iat in the future', () =>
    ks.sign(googleClaims(idT, { iat: seconds(idT) + 3600, exp: seconds(idT) + 7200 })),
  ),
  idToken('iat older than 1 day', () =>
    ks.sign(googleClaims(idT, { iat: seconds(idT) - 2 * 86400, exp: seconds(idT) + 3600 })),
  ),
  idToken('wrong aud', () => ks.sign(googleClaims(idT, { aud: 'https://parley.example' }))),
  idToken('aud of another provider of this site', () => ks.sign(googleClaims(idT, { aud: 'ms-client' }))),
  idToken('wrong iss', () => ks.sign(googleClaims(idT, { iss: 'https://accounts.google.com.evil.example' }))),
  idToken(
    'Google token to the Apple provider',
    () => ks.sign(googleClaims(idT, { aud: 'apple-client' })),
    'apple',
  ),
  idToken(
    'microsoft iss common',
    () => ks.sign(microsoftClaims(idT, { iss: 'https://login.microsoftonline.com/common/v2.0' })),
    'ms',
  ),
  idToken(
    'microsoft iss organizations',
    () => ks.sign(microsoftClaims(idT, { iss: 'https://login.microsoftonline.com/organizations/v2.0' })),
    'ms',
  ),
  idToken(
    'microsoft tid common',
    () =>
      ks.sign(microsoftClaims(idT, { iss: 'https://login.microsoftonline.com/common/v2.0', tid: 'common' })),
    'ms',
  ),
  idToken(
    'microsoft iss {tenantid} template',
    () => ks.sign(microsoftClaims(idT, { iss: 'https://login.microsoftonline.com/{tenantid}/v2.0' })),
    'ms',
  ),
  idToken(
    'microsoft iss of another tenant than tid',
    () =>
      ks.sign(
        microsoftClaims(idT, {
          iss: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
        }),
      ),
    'ms',
  ),
  idToken(
    'microsoft v1 issuer (sts.windows.net)',
    () => ks.sign(microsoftClaims(idT, { iss: `https://sts.windows.net/${TENANT}/` })),
    'ms',
  ),
  idToken(
    'facebook token with a foreign iss',
    () => ks.sign(googleClaims(idT, { aud: 'fb-app', iss: 'https://www.facebook.com' })),
    'fb',
  ),
  idToken('missing exp', () => ks.sign(without(googleClaims(idT), 'exp'))),
  idToken('missing iat', () => ks.sign(without(googleClaims(idT), 'iat'))),
  idToken('missing sub', () => ks.sign(without(googleClaims(idT), 'sub'))),
  idToken('empty sub', () => ks.sign(googleClaims(idT, { sub: '' }))),
  idToken('missing iss', () => ks.sign(without(googleClaims(idT), 'iss'))),
  idToken('tampered payload (sub → mod-1)', async () => {
    const [header, , signature] = (await ks.sign(googleClaims(idT))).split('.')
    return `${header}.${b64(googleClaims(idT, { sub: 'mod-1' }))}.${signature}`
  }),
  idToken('stripped signature (h.p.)', async () => (await ks.sign(googleClaims(idT))).replace(/[^.]+$/, '')),
  idToken('stripped signature (h.p)', async () => (await ks.sign(googleClaims(idT))).replace(/\.[^.]+$/, '')),
  idToken('JWE (5 parts) to the provider key', async () => {
    const key = await importJWK(rsaPublic(ks), 'RSA-OAEP-256')
    return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(googleClaims(idT))))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: ks.kid })
      .encrypt(key)
  }),
  idToken('unknown crit header', () =>
    new SignJWT(googleClaims(idT))
      .setProtectedHeader({
        alg: 'RS256',
        kid: ks.kid,
        crit: ['urn:example:critical'],
        'urn:example:critical': 1,
      })
      .sign(ks.privateKey, { crit: { 'urn:example:critical': true } }),
  ),
  idToken('9 KiB token (valid otherwise)', () => ks.sign(googleClaims(idT, { pad: 'x'.repeat(9 * 1024) }))),
  idToken('token of another client ID (aud+azp)', () =>
    ks.sign(googleClaims(idT, { aud: 'other-client', azp: 'other-client' })),
  ),
  idToken('azp of another client, aud includes ours', () =>
    ks.sign(googleClaims(idT, { aud: ['g-client', 'other-client'], azp: 'other-client' })),
  ),
  idToken('a service session as an ID token', async () => commenter.token),
  withSession('session of site A: GET B auth/me', () =>
    t.app.request(`/v1/sites/${SITE_B}/auth/me`, { headers: bearer(commenter.token) }),
  ),
  withSession('session of site A: POST B comments', () => commentOnB(commenter.token)),
  withSession(
    'moderator of A: GET admin/sites/B',
    () => t.app.request(`/v1/admin/sites/${SITE_B}`, { headers: bearer(moderator.token) }),
    403,
    'forbidden',
  ),
  withSession(
    'commenter: GET admin/sites',
    () => t.app.request('/v1/admin/sites', { headers: bearer(commenter.token) }),
    403,
    'forbidden',
  ),
  withSession(
    'commenter: GET admin/sites/demo',
    () => t.app.request('/v1/admin/sites/demo', { headers: bearer(commenter.token) }),
    403,
    'forbidden',
  ),
  withSession(
    'commenter: PUT admin/sites/demo',
    () =>
      t.app.request(
        '/v1/admin/sites/demo',
        jsonRequest('PUT', { id: 'demo', name: 'Pwned', origins: [ORIGIN] }, bearer(commenter.token)),
      ),
    403,
    'forbidden',
  ),
  withSession(
    'moderator: GET admin/sites',
    () => t.app.request('/v1/admin/sites', { headers: bearer(moderator.token) }),
    403,
    'forbidden',
  ),
  withSession(
    'moderator: PUT admin/sites/demo',
    () =>
      t.app.request(
        '/v1/admin/sites/demo',
        jsonRequest('PUT', { id: 'demo', name: 'Pwned', origins: [ORIGIN] }, bearer(moderator.token)),
      ),
    403,
    'forbidden',
  ),
  withSession(
    'moderator: POST admin/sites',
    () =>
      t.app.request(
        '/v1/admin/sites',
        jsonRequest('POST', { id: 'pwned', name: 'Pwned', origins: [ORIGIN] }, bearer(moderator.token)),
      ),
    403,
    'forbidden',
  ),
  withSession('retired key session: auth/me', async () =>
    t.app.request('/v1/sites/demo/auth/me', {
      headers: bearer((await sessionFromAnotherKey(commenter.userId, 'u-1')).token),
    }),
  ),
  withSession('retired key session: POST comments', async () =>
    t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest(
        'POST',
        { page: PAGE, body: 'Forged' },
        {
          ...bearer((await sessionFromAnotherKey(commenter.userId, 'u-1')).token),
          'x-test-client-ip': freshIp(),
        },
      ),
    ),
  ),
  withSession('retired key moderator session: GET admin/sites/demo', async () =>
    t.app.request('/v1/admin/sites/demo', {
      headers: bearer((await sessionFromAnotherKey(moderator.userId, 'mod-1')).token),
    }),
  ),
  withSession('forged session, current kid, foreign Ed25519 key', async () => {
    const kid = currentKid()
    const { privateKey } = await generateKeyPair('EdDSA')
    const token = await new SignJWT(sessionClaims(moderator.userId, 'mod-1'))
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: SESSION_TYPE })
      .sign(privateKey)
    return t.app.request('/v1/admin/sites/demo', { headers: bearer(token) })
  }),
  withSession('session alg none, current kid', async () => {
    const kid = currentKid()
    const token = `${b64({ alg: 'none', kid, typ: SESSION_TYPE })}.${b64(sessionClaims(moderator.userId, 'mod-1'))}.`
    return t.app.request('/v1/admin/sites/demo', { headers: bearer(token) })
  }),
  withSession('session payload tampered (psub → mod-1)', async () => {
    const [header, , signature] = commenter.token.split('.')
    const token = `${header}.${b64(sessionClaims(commenter.userId, 'mod-1'))}.${signature}`
    return t.app.request('/v1/admin/sites/demo', { headers: bearer(token) })
  }),
  withSession('expired session (real key)', async () => {
    const { token } = await createSessions(t.deps.keys, ISSUER).issue(
      {
        userId: commenter.userId,
        siteId: 'demo',
        providerId: 'google',
        providerType: 'google',
        subject: 'u-1',
        name: 'u-1',
        avatar: null,
      },
      t.clock() - 31 * 86_400_000,
    )
    return t.app.request('/v1/sites/demo/auth/me', { headers: bearer(token) })
  }),
  withSession('real session key, other typ', async () => {
    const kid = currentKid()
    const token = await new SignJWT(sessionClaims(moderator.userId, 'mod-1'))
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
      .sign(signingKeyFromSeed(t.deps.keys.session).privateKey)
    return t.app.request('/v1/admin/sites/demo', { headers: bearer(token) })
  }),
  withSession('real session key, other iss', async () => {
    const kid = currentKid()
    const token = await new SignJWT({
      ...sessionClaims(moderator.userId, 'mod-1'),
      iss: 'https://evil.example',
    })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: SESSION_TYPE })
      .sign(signingKeyFromSeed(t.deps.keys.session).privateKey)
    return t.app.request('/v1/admin/sites/demo', { headers: bearer(token) })
  }),
  withSession('Google ID token as a session', async () =>
    t.app.request('/v1/sites/demo/auth/me', {
      headers: bearer(await ks.sign(googleClaims(t, { sub: 'u-1' }))),
    }),
  ),
  withSession('Google ID token on an admin route', async () =>
    t.app.request('/v1/admin/sites/demo', {
      headers: bearer(await ks.sign(googleClaims(t, { sub: 'mod-1' }))),
    }),
  ),
]

/** What each request was answered, in order, for the closing note. */
const matrix: { name: string; status: number; code: string; ok: boolean }[] = []

/** The whole table, in a stable order, to prove a request wrote nothing. */
const snapshot = async (app: TestApp) => (await tableItems(app)).map((item) => JSON.stringify(item)).sort()

const userItems = (items: string[]) => items.filter((item) => item.includes('#U#'))

beforeAll(async () => {
  ks = await startKeyServer()
  evil = await startKeyServer()
  idT = await createTestApp({ providerEndpoints: ks.endpoints, site })
  t = await createTestApp({ providerEndpoints: ks.endpoints, site })
  const created = await t.app.request(
    '/v1/admin/sites',
    jsonRequest('POST', { id: SITE_B, name: 'Site B', origins: [ORIGIN_B], ...site }, bearer(t.adminKey)),
  )
  expect(created.status).toBe(201)
  commenter = await signIn('u-1')
  moderator = await signIn('mod-1')
})

afterAll(async () => {
  await Promise.all([ks?.close(), evil?.close()])
  const width = Math.max(...matrix.map((row) => row.name.length))
  const lines = matrix.map(
    (row) => `${row.ok ? ' ' : '✗'} ${row.name.padEnd(width)} → ${row.status} → ${row.code}`,
  )
  console.log(`Attack matrix (case → status → code):\n${lines.join('\n')}`)
})

describe('attack matrix', () => {
  it.each(cases)('$name → $status $code, nothing written', async ({ name, target, send, status, code }) => {
    const app = target()
    const before = await snapshot(app)
    const res = await send()
    const text = await res.text()
    const body = JSON.parse(text)
    matrix.push({
      name,
      status: res.status,
      code: body.code,
      ok: res.status === status && body.code === code,
    })

    expect({ status: res.status, code: body.code }).toEqual({ status, code })
    expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
    expect(body).toMatchObject({ status, code, type: `/problems/${code}` })
    if (status === 401) expect(res.headers.get('WWW-Authenticate')).toBe('Bearer')
    expect(text).not.toMatch(/at .+\.(ts|js):\d+|stack/i)

    const after = await snapshot(app)
    expect(after).toEqual(before)
    if (app === idT) expect(userItems(after)).toEqual([])
    // The attacker's server is never asked for anything: keys come from the provider only.
    expect(evil.hits('/google/certs') + evil.hits('/x5u.pem')).toBe(0)
  })
})

describe('positive controls', () => {
  const seen: string[] = []
  const read = async (res: Response) => {
    const text = await res.text()
    seen.push(text)
    return JSON.parse(text)
  }
  const record = (name: string, res: Response, body: Record<string, unknown>) =>
    matrix.push({ name: `control: ${name}`, status: res.status, code: String(body.code ?? '—'), ok: res.ok })

  it('a valid Google token gets a session, auth/me answers its user, and it can comment', async () => {
    const res = await exchange(
      t,
      await ks.sign(
        googleClaims(t, { sub: 'u-google', name: 'Ada', email: EMAIL, picture: 'https://lh3.example/ada' }),
      ),
    )
    const body = await read(res)
    record('valid Google token', res, body)
    expect(res.status).toBe(200)
    expect(body).toEqual({
      token: expect.any(String),
      expiresAt: expect.stringMatching(/^2026-12-27T12:00:00(\.000)?Z$/),
      user: { id: expect.any(String), name: 'Ada', avatar: 'https://lh3.example/ada', provider: 'google' },
    })
    expect(decodeProtectedHeader(body.token)).toMatchObject({ alg: 'EdDSA', typ: SESSION_TYPE })
    seen.push(Buffer.from(body.token.split('.')[1], 'base64url').toString())

    const me = await t.app.request('/v1/sites/demo/auth/me', { headers: bearer(body.token) })
    expect(me.status).toBe(200)
    expect(await read(me)).toEqual({ user: body.user })

    const posted = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest(
        'POST',
        { page: PAGE, body: 'Signed in', author: { name: 'Ignored' } },
        {
          ...bearer(body.token),
          'x-test-client-ip': freshIp(),
        },
      ),
    )
    expect(posted.status).toBe(201)
    expect((await read(posted)).comment.author).toMatchObject({
      name: 'Ada',
      provider: 'google',
      verified: true,
      moderator: false,
    })
    const listed = await t.app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(PAGE)}`)
    expect(listed.status).toBe(200)
    await read(listed)

    const users = (await tableItems(t)).filter((item) => String(item.pk).includes('#U#'))
    expect(users.find((u) => u.subject === 'u-google')).toMatchObject({
      email: EMAIL,
      issuer: 'https://accounts.google.com',
    })
  })

  it('the sessions the matrix misuses are valid where they belong', async () => {
    for (const [name, session] of [
      ['commenter', commenter],
      ['moderator', moderator],
    ] as const) {
      const res = await t.app.request('/v1/sites/demo/auth/me', { headers: bearer(session.token) })
      const body = await read(res)
      record(`${name} session on site A auth/me`, res, body)
      expect(res.status).toBe(200)
      expect(body.user.id).toBe(session.userId)
    }
  })

  it('a moderator session reads its own site on the admin API', async () => {
    const res = await t.app.request('/v1/admin/sites/demo', { headers: bearer(moderator.token) })
    const body = await read(res)
    record('moderator GET admin/sites/demo', res, body)
    expect(res.status).toBe(200)
    expect(body.id).toBe('demo')
  })

  it('a Microsoft token with a tenant GUID and the tenant issuer works', async () => {
    const res = await exchange(t, await ks.sign(microsoftClaims(t, { sub: 'u-ms', email: EMAIL })), 'ms')
    const body = await read(res)
    record('valid Microsoft tenant token', res, body)
    expect(res.status).toBe(200)
    expect(body.user.provider).toBe('ms')
  })

  it('Apple with email_verified "true" (a string) works and keeps the e-mail; "false" drops it', async () => {
    const apple = (sub: string, verified: string) =>
      ks.sign(
        googleClaims(t, {
          iss: 'https://appleid.apple.com',
          aud: 'apple-client',
          sub,
          email: EMAIL,
          email_verified: verified,
          is_private_email: 'false',
          picture: undefined,
          name: undefined,
        }),
      )
    const res = await exchange(t, await apple('u-apple', 'true'), 'apple')
    const body = await read(res)
    record('Apple email_verified "true"', res, body)
    expect(res.status).toBe(200)
    expect(body.user).toMatchObject({ provider: 'apple', avatar: null })
    const unverified = await exchange(t, await apple('u-apple-2', 'false'), 'apple')
    expect(unverified.status).toBe(200)
    await read(unverified)
    const users = (await tableItems(t)).filter((item) => String(item.pk).includes('#U#'))
    expect(users.find((u) => u.subject === 'u-apple')?.email).toBe(EMAIL)
    expect(users.find((u) => u.subject === 'u-apple-2')?.email).toBeNull()
  })

  it('Facebook via its discovery document works', async () => {
    const res = await exchange(
      t,
      await ks.sign(
        googleClaims(t, { iss: `${ks.base}/facebook`, aud: 'fb-app', sub: 'u-fb', email: EMAIL }),
      ),
      'fb',
    )
    const body = await read(res)
    record('Facebook via discovery', res, body)
    expect(res.status).toBe(200)
    expect(body.user.provider).toBe('fb')
    expect(ks.hits('/facebook/.well-known/openid-configuration')).toBe(1)
  })

  it('no response ever carries the e-mail', () => {
    expect(seen.length).toBeGreaterThan(5)
    for (const text of seen) expect(text).not.toContain(EMAIL)
  })
})
