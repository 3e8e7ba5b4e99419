import { hkdfSync, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deriveKeys } from '../../../shared/crypto/keys.js'

const hkdf = (secret: Uint8Array, purpose: string) =>
  Buffer.from(hkdfSync('sha256', secret, 'parley', `parley/${purpose}/v1`, 32))

describe('deriveKeys', () => {
  const secret = randomBytes(32)

  it('derives each key with HKDF-SHA256 for its own purpose, as every deployment so far has', () => {
    const keys = deriveKeys(secret)
    expect(keys.cursor).toEqual(hkdf(secret, 'cursor'))
    expect(keys.editToken).toEqual(hkdf(secret, 'edit-token'))
    expect(keys.ipHash).toEqual(hkdf(secret, 'ip-hash'))
    expect(keys.formToken).toEqual(hkdf(secret, 'form-token'))
    expect(keys.signInFlow).toEqual(hkdf(secret, 'sign-in-flow'))
    expect(keys.session).toEqual(hkdf(secret, 'session'))
    expect(keys.adminKey).toBe(hkdf(secret, 'admin-key').toString('base64url'))
    expect(keys.previousSession).toBeUndefined()
  })

  it('answers the same key on every read', () => {
    const keys = deriveKeys(secret)
    expect(keys.cursor).toBe(keys.cursor)
    expect(keys.session).toBe(keys.session)
  })

  it('keeps an admin key given, and derives the session seed of the previous secret', () => {
    const previous = randomBytes(32)
    const keys = deriveKeys(secret, 'a'.repeat(24), previous)
    expect(keys.adminKey).toBe('a'.repeat(24))
    expect(keys.previousSession).toEqual(hkdf(previous, 'session'))
  })

  it('derives from the secrets as they were given, whatever the caller does to its buffers later', () => {
    const [mine, previous] = [Buffer.from(secret), randomBytes(32)]
    const expected = { cursor: hkdf(mine, 'cursor'), previous: hkdf(previous, 'session') }
    const keys = deriveKeys(mine, undefined, previous)
    mine.fill(0)
    previous.fill(0)
    expect(keys.cursor).toEqual(expected.cursor)
    expect(keys.previousSession).toEqual(expected.previous)
  })

  it('refuses a secret shorter than 32 bytes at once, before any key is asked for', () => {
    expect(() => deriveKeys(randomBytes(31))).toThrow(TypeError)
    expect(() => deriveKeys(secret, undefined, randomBytes(16))).toThrow(TypeError)
  })
})
