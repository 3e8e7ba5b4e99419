import { randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { deriveKeys } from '../../shared/crypto/keys.js'
import { AppError } from '../../shared/errors.js'
import {
  MAIL_TOKEN_SECONDS,
  type MailToken,
  mailLink,
  signMailToken,
  verifyMailToken,
} from '../../shared/mail/mail-token.js'

const keys = deriveKeys(randomBytes(32))
const now = Date.parse('2026-11-27T12:00:00Z')
const confirm: MailToken = { purpose: 'confirm', siteId: 'demo', emailHash: 'h'.repeat(32) }
const unsubscribe: MailToken = {
  purpose: 'unsubscribe',
  siteId: 'demo',
  person: { userId: 'u1' },
  kind: 'replies',
}
const moderate: MailToken = {
  purpose: 'moderate',
  siteId: 'demo',
  commentId: '0000000000abcdefg',
  action: 'approve',
  emailHash: 'm'.repeat(32),
}

/** The code a rejected verification throws with. */
const codeOf = async (verifying: Promise<unknown>) => {
  const err = await verifying.then(
    () => undefined,
    (e: unknown) => e,
  )
  return err instanceof AppError ? err.code : err
}

describe('mail-link tokens', () => {
  it('verify back to what was signed, for each purpose', async () => {
    for (const token of [confirm, unsubscribe, moderate]) {
      const value = await signMailToken(keys, token, now)
      expect(await verifyMailToken(keys, token.purpose, value, now + 1000)).toEqual(token)
    }
    const guest = { ...unsubscribe, person: { emailHash: 'g'.repeat(32) } } as const
    expect(await verifyMailToken(keys, 'unsubscribe', await signMailToken(keys, guest, now), now)).toEqual(
      guest,
    )
  })

  it('work for 7 days and are invalid-token after', async () => {
    const value = await signMailToken(keys, confirm, now)
    const end = now + MAIL_TOKEN_SECONDS * 1000
    expect(await verifyMailToken(keys, 'confirm', value, end - 1000)).toEqual(confirm)
    expect(await codeOf(verifyMailToken(keys, 'confirm', value, end + 1000))).toBe('invalid-token')
  })

  it('are invalid-token for another purpose: an unsubscribe link never confirms or moderates', async () => {
    const value = await signMailToken(keys, unsubscribe, now)
    expect(await codeOf(verifyMailToken(keys, 'confirm', value, now))).toBe('invalid-token')
    expect(await codeOf(verifyMailToken(keys, 'moderate', value, now))).toBe('invalid-token')
  })

  it('are invalid-token when tampered with: another site, another action, a cut signature', async () => {
    const value = await signMailToken(keys, moderate, now)
    const [header, payload, signature] = value.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    for (const change of [{ s: 'other-site' }, { a: 'spam' }, { c: '0000000000zzzzzzz' }]) {
      const forged = Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')
      expect(await codeOf(verifyMailToken(keys, 'moderate', `${header}.${forged}.${signature}`, now))).toBe(
        'invalid-token',
      )
    }
    expect(await codeOf(verifyMailToken(keys, 'moderate', `${header}.${payload}.`, now))).toBe(
      'invalid-token',
    )
    expect(await codeOf(verifyMailToken(keys, 'moderate', 'not a token', now))).toBe('invalid-token')
    expect(await codeOf(verifyMailToken(keys, 'moderate', 'x'.repeat(5000), now))).toBe('invalid-token')
  })

  it('are invalid-token when signed by another deployment (another master secret)', async () => {
    const other = deriveKeys(randomBytes(32))
    const value = await signMailToken(other, confirm, now)
    expect(await codeOf(verifyMailToken(keys, 'confirm', value, now))).toBe('invalid-token')
  })

  it('are invalid-token when signed with the right key but not as this module signs them', async () => {
    const sign = (claims: Record<string, unknown>, typ = 'parley-mail+jwt') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ })
        .setIssuer('urn:parley:mail')
        .setAudience('parley:mail:unsubscribe')
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.floor(now / 1000) + 60)
        .sign(keys.mailToken)
    // Both people at once, neither, an unknown kind, another type of token.
    for (const claims of [
      { s: 'demo', u: 'u1', e: 'e1', k: 'replies' },
      { s: 'demo', k: 'replies' },
      { s: 'demo', u: 'u1', k: 'everything' },
    ])
      expect(await codeOf(verifyMailToken(keys, 'unsubscribe', await sign(claims), now))).toBe(
        'invalid-token',
      )
    const session = await sign({ s: 'demo', u: 'u1', k: 'replies' }, 'parley-session+jwt')
    expect(await codeOf(verifyMailToken(keys, 'unsubscribe', session, now))).toBe('invalid-token')
    // A token without an expiry is refused too.
    const forever = await new SignJWT({ s: 'demo', u: 'u1', k: 'replies' })
      .setProtectedHeader({ alg: 'HS256', typ: 'parley-mail+jwt' })
      .setIssuer('urn:parley:mail')
      .setAudience('parley:mail:unsubscribe')
      .setIssuedAt()
      .sign(keys.mailToken)
    expect(await codeOf(verifyMailToken(keys, 'unsubscribe', forever, now))).toBe('invalid-token')
  })

  it('make absolute links on the API origin', async () => {
    const value = await signMailToken(keys, confirm, now)
    const link = mailLink('https://api.example/some/path', 'confirm', value)
    const url = new URL(link)
    expect(url.origin + url.pathname).toBe('https://api.example/v1/mail/confirm')
    expect(url.searchParams.get('token')).toBe(value)
  })
})
