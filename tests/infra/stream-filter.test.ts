import { describe, expect, it } from 'vitest'
import { STREAM_FILTERS } from '../../infra/constructs/notifier.js'
import * as keys from '../../shared/db/item-keys.js'

// Lambda's event filtering for the notifier's stream, held to the keys the product writes: a
// comment or a feedback vote must reach the notifier, every other item must not.

type Rule = string | { prefix: string }
/** The subset of Lambda's filter syntax the notifier's filters use: a list of values or prefixes per leaf. */
function matches(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) {
    return (pattern as Rule[]).some((rule) =>
      typeof rule === 'string' ? value === rule : typeof value === 'string' && value.startsWith(rule.prefix),
    )
  }
  if (typeof pattern !== 'object' || pattern === null) throw new Error('unsupported pattern')
  return Object.entries(pattern).every(([key, inner]) =>
    matches(inner, (value as Record<string, unknown> | undefined)?.[key]),
  )
}
/** A stream record of an item with this key, as Lambda filters it (attribute values typed). */
const record = (key: { pk: string; sk: string }) => ({
  eventName: 'INSERT',
  dynamodb: { Keys: { pk: { S: key.pk }, sk: { S: key.sk } } },
})
const passes = (key: { pk: string; sk: string }) => STREAM_FILTERS.some((f) => matches(f, record(key)))

const guest = { emailHash: 'e'.repeat(43) }
const reader = { userId: 'u1' }

describe('the notifier’s stream filter', () => {
  it('lets comments and feedback votes through', () => {
    expect(passes(keys.commentKey('demo', 'c1'))).toBe(true)
    expect(passes(keys.voteKey('demo', 'https://blog.example/a', 'visitor-hash'))).toBe(true)
  })

  it('drops every other item a post, a like or a vote writes', () => {
    for (const key of [
      keys.pageKey('demo', 'https://blog.example/a'),
      keys.memberKey('demo', 'root', 'c1'),
      keys.likeKey('demo', 'c1', 'u1'),
      keys.idempotencyKey('demo', 'k'),
      keys.rateKey('demo', 'ip#x', 1),
      keys.duplicateKey('demo', 'f'),
      keys.authorRefKey('demo', guest, 'c1'),
      keys.userKey('demo', 'u1'),
      keys.feedbackSummaryKey('demo', 'https://blog.example/a'),
      keys.banKey('demo', 'ip', 'h'),
      keys.bansKey('demo', 'b1'),
      keys.siteKey('demo'),
    ]) {
      expect(passes(key), JSON.stringify(key)).toBe(false)
    }
  })

  it('drops what the notifier writes itself, so its own writes never invoke it', () => {
    for (const key of [
      keys.mailPreferencesKey('demo', guest),
      keys.subscriptionKey('demo', reader, 'c1'),
      keys.deliveryKey('demo', 'event#recipient'),
      keys.webhookSecretKey('demo', 'w1'),
      { pk: keys.webhookPk('demo', 'w1'), sk: `${keys.WEBHOOK_ATTEMPT_PREFIX}2026-12-04T00:00:00Z` },
      { pk: keys.digestPk('demo'), sk: '2026-12-04T00:00:00Z#c1' },
      keys.suppressionKey(guest.emailHash),
    ]) {
      expect(passes(key), JSON.stringify(key)).toBe(false)
    }
  })
})
