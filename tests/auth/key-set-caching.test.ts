import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { problemOf } from '../helpers/route-contract.js'
import { createTestApp, jsonRequest, type TestApp } from '../helpers/test-app.js'

/**
 * Key sets are cached at module scope per URL, so every test gets its own key server (a fresh port,
 * a fresh URL) and its own app. jose's cooldown (30 s before a refetch for an unknown `kid`) runs on
 * `Date.now()`, which the cooldown tests fake; the app's own clock stays the manual one.
 */

const GOOGLE_JWKS = '/google/certs'
const COOLDOWN_MS = 30_000

const servers: KeyServer[] = []
afterAll(() => Promise.all(servers.map((s) => s.close())))
afterEach(() => {
  vi.useRealTimers()
})

async function setup() {
  const ks = await startKeyServer()
  servers.push(ks)
  const t = await createTestApp({
    providerEndpoints: ks.endpoints,
    site: {
      providers: [
        { id: 'google', type: 'google', clientId: 'g-client' },
        { id: 'fb', type: 'facebook', clientId: 'fb-app' },
      ],
    },
  })
  return { ks, t }
}

const claims = (t: TestApp, sub: string, overrides: Record<string, unknown> = {}) => {
  const now = Math.floor(t.clock() / 1000)
  return {
    iss: 'https://accounts.google.com',
    aud: 'g-client',
    sub,
    iat: now,
    exp: now + 3600,
    name: `Reader ${sub}`,
    ...overrides,
  }
}

const exchange = (t: TestApp, idToken: string, provider = 'google') =>
  t.app.request('/v1/sites/demo/auth/token', jsonRequest('POST', { provider, idToken }))

/** A key the provider does not publish (yet), and tokens signed with it under a chosen `kid`. */
async function foreignKey(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  const sign = (payload: Record<string, unknown>) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey)
  return { jwk, sign }
}

/** Fakes only `Date` (jose's cooldown clock), starting at the real now. */
const fakeDate = () => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() })
  return (ms: number) => vi.setSystemTime(Date.now() + ms)
}

describe('provider key sets', () => {
  it('100 verifications fetch the Google JWKS exactly once', async () => {
    const { ks, t } = await setup()
    for (let i = 0; i < 100; i++) {
      const res = await exchange(t, await ks.sign(claims(t, `u-${i}`)))
      expect(res.status).toBe(200)
    }
    expect(ks.hits(GOOGLE_JWKS)).toBe(1)
  })

  it('20 concurrent first verifications share one fetch', async () => {
    const { ks, t } = await setup()
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => ks.sign(claims(t, `c-${i}`))))
    const statuses = await Promise.all(tokens.map(async (token) => (await exchange(t, token)).status))
    expect(statuses).toEqual(Array(20).fill(200))
    expect(ks.hits(GOOGLE_JWKS)).toBe(1)
  })

  it('Facebook: the discovery document and its JWKS are fetched once for 30 sign-ins', async () => {
    const { ks, t } = await setup()
    for (let i = 0; i < 30; i++) {
      const token = await ks.sign(claims(t, `fb-${i}`, { iss: `${ks.base}/facebook`, aud: 'fb-app' }))
      expect((await exchange(t, token, 'fb')).status).toBe(200)
    }
    expect(ks.hits('/facebook/.well-known/openid-configuration')).toBe(1)
    expect(ks.hits('/facebook/jwks')).toBe(1)
  })

  it('unknown kids refetch at most once per cooldown, and never break valid tokens', async () => {
    const advance = fakeDate()
    const { ks, t } = await setup()
    expect((await exchange(t, await ks.sign(claims(t, 'u-1')))).status).toBe(200)
    expect(ks.hits(GOOGLE_JWKS)).toBe(1)

    const rogue = await foreignKey('rogue-kid')
    const burst = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await exchange(t, await rogue.sign(claims(t, `rogue-${i}`)))
        expect(res.status).toBe(401)
        expect((await problemOf(res)).code).toBe('invalid-token')
      }
    }
    // Within the cooldown of the first fetch: refused without asking the provider again.
    await burst(10)
    expect(ks.hits(GOOGLE_JWKS)).toBeLessThanOrEqual(2)
    const afterFirstBurst = ks.hits(GOOGLE_JWKS)

    // Past the cooldown: one refetch for the whole burst, then cooling down again.
    advance(COOLDOWN_MS + 1_000)
    await burst(10)
    expect(ks.hits(GOOGLE_JWKS)).toBe(afterFirstBurst + 1)

    // Valid tokens keep working from the cache, with no fetch.
    expect((await exchange(t, await ks.sign(claims(t, 'u-2')))).status).toBe(200)
    expect(ks.hits(GOOGLE_JWKS)).toBe(afterFirstBurst + 1)
  })

  it('after the provider rotates, a token with the new kid is accepted after at most one refetch', async () => {
    const advance = fakeDate()
    const { ks, t } = await setup()
    expect((await exchange(t, await ks.sign(claims(t, 'u-1')))).status).toBe(200)
    expect(ks.hits(GOOGLE_JWKS)).toBe(1)

    const next = await foreignKey('test-key-2')
    ks.addKey(next.jwk)
    // Providers publish a new key well before signing with it; the cache learns it on first sight.
    advance(COOLDOWN_MS + 1_000)
    const res = await exchange(t, await next.sign(claims(t, 'u-2')))
    expect(res.status).toBe(200)
    expect(ks.hits(GOOGLE_JWKS)).toBe(2)

    // Both keys now verify from the cache.
    for (let i = 0; i < 5; i++) {
      expect((await exchange(t, await next.sign(claims(t, `n-${i}`)))).status).toBe(200)
      expect((await exchange(t, await ks.sign(claims(t, `o-${i}`)))).status).toBe(200)
    }
    expect(ks.hits(GOOGLE_JWKS)).toBe(2)
  })

  it('an impostor key under the published kid is refused, and triggers no refetch', async () => {
    const advance = fakeDate()
    const { ks, t } = await setup()
    expect((await exchange(t, await ks.sign(claims(t, 'u-1')))).status).toBe(200)
    // The attacker reuses the published kid with their own key: no refetch can make it valid.
    const impostor = await foreignKey(ks.kid)
    advance(COOLDOWN_MS + 1_000)
    const res = await exchange(t, await impostor.sign(claims(t, 'u-2')))
    expect(res.status).toBe(401)
    expect((await problemOf(res)).code).toBe('invalid-token')
    expect(ks.hits(GOOGLE_JWKS)).toBe(1)
  })
})
