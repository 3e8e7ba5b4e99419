import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  CODE_TRIES,
  createSignInCodes,
  type SignInCodes,
} from '../../../shared/auth/email-code/sign-in-codes.js'
import { signInCodeKey } from '../../../shared/db/item-keys.js'
import { RateLimitedError } from '../../../shared/errors.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'

let t: TestApp
let codes: SignInCodes
let n = 0
const target = () => ({ siteId: 'demo', providerId: 'mail', addressHash: `hash-${n++}` })
const NOW = Date.parse('2026-11-27T12:00:00Z')
const limits = (key: string) => [{ key, limit: 3 }]

beforeAll(async () => {
  // One DynamoDB Local serves the whole suite: racing writes get the suite's concurrency deadline.
  t = await createTestApp({ storeDeadlineMs: 20_000 })
  codes = createSignInCodes(t.deps.store)
})

describe('sign-in codes in the table', () => {
  it('keeps the HMAC it is given, a tries counter, the expiry and a TTL', async () => {
    const who = target()
    await codes.keep(who, 'mac-of-123456', limits(`a#${who.addressHash}`), NOW)
    const { Item } = await t.client.send(
      new GetCommand({
        TableName: t.tableName,
        Key: signInCodeKey(who.siteId, who.providerId, who.addressHash),
      }),
    )
    expect(Item).toMatchObject({ codeMac: 'mac-of-123456', tries: 0, validUntil: NOW + 600_000 })
    expect(Item?.expiresAt).toBe(Math.ceil((NOW + 600_000) / 1000))
  })

  it('consumes the right code once and refuses it after', async () => {
    const who = target()
    await codes.keep(who, 'right', limits(`b#${who.addressHash}`), NOW)
    expect(await codes.guess(who, 'right', NOW + 1000)).toEqual({ ok: true })
    expect(await codes.guess(who, 'right', NOW + 2000)).toEqual({ ok: false, reason: 'missing' })
  })

  it('counts at most five of twenty racing wrong guesses, then refuses the right code', async () => {
    const who = target()
    await codes.keep(who, 'right', limits(`c#${who.addressHash}`), NOW)
    const results = await Promise.all(Array.from({ length: 20 }, () => codes.guess(who, 'wrong', NOW + 1)))
    const weighed = results.filter((r) => !r.ok && r.reason === 'wrong')
    expect(weighed).toHaveLength(CODE_TRIES)
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(20 - CODE_TRIES)
    expect(await codes.guess(who, 'right', NOW + 2)).toEqual({ ok: false, reason: 'locked' })
    const { Item } = await t.client.send(
      new GetCommand({
        TableName: t.tableName,
        Key: signInCodeKey(who.siteId, who.providerId, who.addressHash),
      }),
    )
    expect(Item?.tries).toBe(CODE_TRIES)
  })

  it('lets exactly one of two racing right guesses through', async () => {
    for (let round = 0; round < 5; round++) {
      const who = target()
      await codes.keep(who, 'right', limits(`d#${who.addressHash}`), NOW)
      const results = await Promise.all([
        codes.guess(who, 'right', NOW + 1),
        codes.guess(who, 'right', NOW + 1),
      ])
      expect(results.filter((r) => r.ok)).toHaveLength(1)
    }
  })

  it('refuses a code past its ten minutes as expired', async () => {
    const who = target()
    await codes.keep(who, 'right', limits(`e#${who.addressHash}`), NOW)
    expect(await codes.guess(who, 'right', NOW + 600_000)).toEqual({ ok: false, reason: 'expired' })
  })

  it('replaces the earlier code (and its tries) with a new one', async () => {
    const who = target()
    await codes.keep(who, 'first', limits(`f#${who.addressHash}`), NOW)
    expect(await codes.guess(who, 'wrong', NOW + 1)).toMatchObject({
      ok: false,
      reason: 'wrong',
      triesLeft: 4,
    })
    await codes.keep(who, 'second', limits(`f#${who.addressHash}`), NOW + 2)
    expect(await codes.guess(who, 'first', NOW + 3)).toMatchObject({ reason: 'wrong', triesLeft: 4 })
    expect(await codes.guess(who, 'second', NOW + 4)).toEqual({ ok: true })
  })

  it('refuses the fourth code of an hour with the seconds to the next window, keeping the third', async () => {
    const who = target()
    for (const mac of ['1', '2', '3']) await codes.keep(who, mac, limits(`g#${who.addressHash}`), NOW)
    const refused = await codes.keep(who, '4', limits(`g#${who.addressHash}`), NOW).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(RateLimitedError)
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(3600)
    expect(await codes.guess(who, '4', NOW + 1)).toMatchObject({ reason: 'wrong' })
    expect(await codes.guess(who, '3', NOW + 2)).toEqual({ ok: true })
  })

  it('discards a code never mailed, but not one that replaced it', async () => {
    const who = target()
    await codes.keep(who, 'old', limits(`h#${who.addressHash}`), NOW)
    await codes.keep(who, 'new', limits(`h#${who.addressHash}`), NOW)
    await codes.discard(who, 'old')
    expect(await codes.guess(who, 'new', NOW + 1)).toEqual({ ok: true })
    await codes.keep(who, 'gone', limits(`h#${who.addressHash}`), NOW)
    await codes.discard(who, 'gone')
    expect(await codes.guess(who, 'gone', NOW + 1)).toEqual({ ok: false, reason: 'missing' })
  })
})
