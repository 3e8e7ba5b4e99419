import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { createDocumentClient } from '../../shared/db/document-client.js'
import { ensureTable } from '../../shared/db/ensure-table.js'
import { createStore, type Store } from '../../shared/db/store.js'
import { CONFIRMATION_MAIL_INTERVAL_MS, createMailPreferences } from '../../shared/mail/mail-preferences.js'
import { createSubscriptions } from '../../shared/mail/subscriptions.js'
import { createSuppressionList } from '../../shared/mail/suppression-list.js'
import { tableItems } from '../helpers/table-items.js'

const now = Date.parse('2026-11-27T12:00:00Z')
const guest = { emailHash: 'g'.repeat(32) }
const reader = { userId: 'u-1' }
let store: Store
let table: { client: Store['client']; tableName: string }

beforeAll(async () => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: inject('dynamoEndpoint') })
  const tableName = `t-${randomUUID()}`
  await ensureTable(client, tableName)
  store = createStore(client, tableName)
  table = { client, tableName }
})

describe('mail preferences', () => {
  it('start with nothing confirmed and nothing stopped', async () => {
    expect(await createMailPreferences(store).get('demo', { emailHash: 'never-seen' })).toEqual({
      confirmedAt: null,
      confirmationMailAt: null,
      stopped: { replies: null, moderation: null },
    })
  })

  it('let exactly one of 20 concurrent claims send the confirmation mail, then none for 24 h', async () => {
    const prefs = createMailPreferences(store)
    const person = { emailHash: 'c'.repeat(32) }
    const wins = await Promise.all(
      Array.from({ length: 20 }, () => prefs.claimConfirmationMail('demo', person, now)),
    )
    expect(wins.filter(Boolean)).toHaveLength(1)
    expect(await prefs.claimConfirmationMail('demo', person, now + CONFIRMATION_MAIL_INTERVAL_MS - 1)).toBe(
      false,
    )
    expect(await prefs.claimConfirmationMail('demo', person, now + CONFIRMATION_MAIL_INTERVAL_MS)).toBe(true)
    expect((await prefs.get('demo', person)).confirmationMailAt).toBe(now + CONFIRMATION_MAIL_INTERVAL_MS)
  })

  it('count the 24 h per site: the same address on another site gets its own mail', async () => {
    const prefs = createMailPreferences(store)
    const person = { emailHash: 's'.repeat(32) }
    expect(await prefs.claimConfirmationMail('demo', person, now)).toBe(true)
    expect(await prefs.claimConfirmationMail('other', person, now)).toBe(true)
    expect(await prefs.claimConfirmationMail('demo', person, now + 1)).toBe(false)
  })

  it('send no confirmation mail to an address that is confirmed or stopped replies', async () => {
    const prefs = createMailPreferences(store)
    const [confirmed, stopped] = [{ emailHash: 'k'.repeat(32) }, { emailHash: 'x'.repeat(32) }]
    await prefs.confirm('demo', confirmed, now)
    await prefs.stop('demo', stopped, 'replies', now)
    expect(await prefs.claimConfirmationMail('demo', confirmed, now)).toBe(false)
    expect(await prefs.claimConfirmationMail('demo', stopped, now + 2 * CONFIRMATION_MAIL_INTERVAL_MS)).toBe(
      false,
    )
  })

  it('keep the first confirmation and stop, and a confirmation asks for replies again', async () => {
    const prefs = createMailPreferences(store)
    await prefs.stop('demo', guest, 'replies', now)
    await prefs.stop('demo', guest, 'moderation', now + 1)
    await prefs.stop('demo', guest, 'moderation', now + 2)
    expect((await prefs.get('demo', guest)).stopped).toEqual({ replies: now, moderation: now + 1 })
    await prefs.confirm('demo', guest, now + 3)
    await prefs.confirm('demo', guest, now + 4)
    expect(await prefs.get('demo', guest)).toMatchObject({
      confirmedAt: now + 3,
      stopped: { replies: null, moderation: now + 1 },
    })
  })

  it('end the same under concurrent confirms and stops of different kinds: no update lost', async () => {
    const prefs = createMailPreferences(store)
    const person = { emailHash: 'r'.repeat(32) }
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => prefs.confirm('demo', person, now + i)),
      ...Array.from({ length: 10 }, (_, i) => prefs.stop('demo', person, 'moderation', now + i)),
    ])
    const after = await prefs.get('demo', person)
    expect(after.confirmedAt).not.toBeNull()
    expect(after.stopped.moderation).not.toBeNull()
  })
})

describe('the suppression list', () => {
  it('suppresses an address by hash for every site, idempotently, keeping the first time', async () => {
    const list = createSuppressionList(store)
    const hash = 'b'.repeat(32)
    expect(await list.isSuppressed(hash)).toBe(false)
    await Promise.all([list.suppress(hash, 'bounce', now), list.suppress(hash, 'bounce', now)])
    await list.suppress(hash, 'complaint', now + 1000)
    expect(await list.isSuppressed(hash)).toBe(true)
    expect(await list.isSuppressed('c'.repeat(32))).toBe(false)
    const items = (await tableItems(table)).filter((i) => String(i.pk).startsWith('SUPPRESSED#'))
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ suppressedAt: now, reason: 'complaint' })
  })
})

describe('subscriptions', () => {
  it('subscribe once per comment, list oldest first, and are per person and site', async () => {
    const subs = createSubscriptions(store)
    // Five at once make one subscription; which of them lands first is the store's to decide.
    await Promise.all(Array.from({ length: 5 }, () => subs.subscribe('demo', reader, 'c2', now)))
    // A later one keeps the first time.
    await subs.subscribe('demo', reader, 'c2', now + 5)
    await subs.subscribe('demo', reader, 'c1', now + 10)
    await subs.subscribe('demo', guest, 'c3', now)
    await subs.subscribe('other', reader, 'c4', now)
    const mine = await subs.list('demo', reader)
    expect(mine.map((s) => s.commentId)).toEqual(['c1', 'c2'])
    expect(mine.find((s) => s.commentId === 'c2')?.since).toBe(now)
    expect(await subs.isSubscribed('demo', reader, 'c1')).toBe(true)
    expect(await subs.isSubscribed('demo', reader, 'c3')).toBe(false)
    expect(await subs.isSubscribed('demo', guest, 'c3')).toBe(true)
  })

  it('stop all of a person’s subscriptions past one batch, and nobody else’s', async () => {
    const subs = createSubscriptions(store)
    const many = { userId: 'u-many' }
    await Promise.all(Array.from({ length: 60 }, (_, i) => subs.subscribe('demo', many, `m${i}`, now)))
    await subs.subscribe('demo', { userId: 'u-other' }, 'm1', now)
    expect(await subs.stopAll('demo', many)).toBe(60)
    expect(await subs.list('demo', many)).toEqual([])
    expect(await subs.isSubscribed('demo', { userId: 'u-other' }, 'm1')).toBe(true)
    expect(await subs.stopAll('demo', many)).toBe(0)
  })
})
