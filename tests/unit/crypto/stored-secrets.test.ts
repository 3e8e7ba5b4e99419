import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deriveKeys } from '../../../shared/crypto/keys.js'
import { openSecret, sealSecret } from '../../../shared/crypto/stored-secrets.js'

describe('stored secrets', () => {
  const secret = randomBytes(32)

  it('opens what it sealed, and the sealed value does not contain the secret', () => {
    const keys = deriveKeys(secret)
    const sealed = sealSecret(keys, 'whsec_c2VjcmV0', 'webhook-secret:demo:h1')
    expect(sealed).not.toContain('c2VjcmV0')
    expect(sealed).not.toBe(sealSecret(keys, 'whsec_c2VjcmV0', 'webhook-secret:demo:h1'))
    expect(openSecret(keys, sealed, 'webhook-secret:demo:h1')).toBe('whsec_c2VjcmV0')
  })

  it('opens what the previous master secret sealed, after a rotation', () => {
    const sealed = sealSecret(deriveKeys(secret), 'whsec_old', 'ctx')
    const rotated = deriveKeys(randomBytes(32), undefined, secret)
    expect(openSecret(rotated, sealed, 'ctx')).toBe('whsec_old')
  })

  it('refuses a value sealed for another context, with another key, or changed', () => {
    const keys = deriveKeys(secret)
    const sealed = sealSecret(keys, 'whsec_x', 'webhook-secret:demo:h1')
    expect(() => openSecret(keys, sealed, 'webhook-secret:demo:h2')).toThrow(TypeError)
    expect(() => openSecret(deriveKeys(randomBytes(32)), sealed, 'webhook-secret:demo:h1')).toThrow(TypeError)
    const [v, iv, body, tag] = sealed.split('.')
    const flipped = `${v}.${iv}.${body?.startsWith('A') ? 'B' : 'A'}${body?.slice(1)}.${tag}`
    expect(() => openSecret(keys, flipped, 'webhook-secret:demo:h1')).toThrow(TypeError)
    expect(() => openSecret(keys, 'garbage', 'webhook-secret:demo:h1')).toThrow(TypeError)
  })
})
