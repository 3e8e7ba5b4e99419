import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { decodeProtectedHeader, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { createSessions, SESSION_SECONDS, SESSION_TYPE } from '../../shared/auth/sessions.js'
import { deriveKeys } from '../../shared/crypto/keys.js'
import { InvalidTokenError } from '../../shared/errors.js'

/**
 * Rotating the master secret: sessions signed under the previous secret stay valid while the
 * deployment lists that secret as previous, and stop being valid once it no longer does.
 */

const ISSUER = 'urn:parley:api'
const NOW = Date.parse('2026-11-27T12:00:00Z')
const session = {
  userId: 'user-1',
  siteId: 'demo',
  providerId: 'google',
  providerType: 'google',
  subject: 'u-1',
  name: 'Ada',
  avatar: 'https://lh3.example/ada',
}

const secrets = () => [randomBytes(32), randomBytes(32), randomBytes(32)] as const

const refused = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(InvalidTokenError)
  expect((err as InvalidTokenError).code).toBe('invalid-token')
}

describe('session keys across a master-secret rotation', () => {
  it('accepts a session of the previous secret while it is configured as previous', async () => {
    const [s1, s2] = secrets()
    const { token, expiresAt } = await createSessions(deriveKeys(s1), ISSUER).issue(session, NOW)
    const rotated = createSessions(deriveKeys(s2, undefined, s1), ISSUER)
    expect(await rotated.verify(token, 'demo', NOW + 3600_000)).toEqual({ ...session, expiresAt })
    expect(expiresAt).toBe(NOW + SESSION_SECONDS * 1000)
  })

  it('signs new sessions with the new key only, under a kid of its own', async () => {
    const [s1, s2] = secrets()
    const old = await createSessions(deriveKeys(s1), ISSUER).issue(session, NOW)
    const rotated = createSessions(deriveKeys(s2, undefined, s1), ISSUER)
    const fresh = await rotated.issue(session, NOW)
    const oldKid = decodeProtectedHeader(old.token).kid
    const newKid = decodeProtectedHeader(fresh.token).kid
    expect(decodeProtectedHeader(fresh.token)).toMatchObject({ alg: 'EdDSA', typ: SESSION_TYPE })
    expect(newKid).toMatch(/^[\w-]{16}$/)
    expect(newKid).not.toBe(oldKid)
    // Once the rotation is over, the new sessions are all that remain valid.
    const done = createSessions(deriveKeys(s2), ISSUER)
    expect((await done.verify(fresh.token, 'demo', NOW)).userId).toBe('user-1')
  })

  it('refuses the previous secret’s sessions once it is no longer configured', async () => {
    const [s1, s2, s3] = secrets()
    const { token } = await createSessions(deriveKeys(s1), ISSUER).issue(session, NOW)
    await refused(createSessions(deriveKeys(s2), ISSUER).verify(token, 'demo', NOW))
    // A second rotation keeps only the secret just retired, not the one before it.
    await refused(createSessions(deriveKeys(s3, undefined, s2), ISSUER).verify(token, 'demo', NOW))
  })

  it('does not widen anything else: site, expiry, issuer and signature still hold', async () => {
    const [s1, s2] = secrets()
    const { token } = await createSessions(deriveKeys(s1), ISSUER).issue(session, NOW)
    const rotated = createSessions(deriveKeys(s2, undefined, s1), ISSUER)
    await refused(rotated.verify(token, 'other-blog', NOW))
    await refused(rotated.verify(token, 'demo', NOW + SESSION_SECONDS * 1000 + 1000))
    await refused(
      createSessions(deriveKeys(s2, undefined, s1), 'https://other-api.example').verify(token, 'demo', NOW),
    )

    // The previous kid on a token signed by anyone else.
    const kid = String(decodeProtectedHeader(token).kid)
    const forged = await new SignJWT({ pid: 'google', ptype: 'google', psub: 'mod-1' })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: SESSION_TYPE })
      .setIssuer(ISSUER)
      .setAudience('demo')
      .setSubject('user-1')
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 3600)
      .sign(generateKeyPairSync('ed25519').privateKey)
    await refused(rotated.verify(forged, 'demo', NOW))
  })

  it('derives the session key from the master secret alone (an admin-key override changes nothing)', async () => {
    const [s1] = secrets()
    const { token } = await createSessions(deriveKeys(s1, 'an-admin-key-override-of-24+'), ISSUER).issue(
      session,
      NOW,
    )
    expect((await createSessions(deriveKeys(s1), ISSUER).verify(token, 'demo', NOW)).userId).toBe('user-1')
  })
})
