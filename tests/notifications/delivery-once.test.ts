import { describe, expect, it } from 'vitest'
import { createNotifierBase, createNotifierDeps } from '../../functions/notifier/create-notifier-deps.js'
import { DELIVERY_LEASE_MS } from '../../shared/notifications/delivery-ledger.js'
import { createNotifierContext } from '../../shared/notifications/notifier-context.js'
import { runNotifier } from '../../shared/notifications/run-notifier.js'
import { createTestApp, postAsGuest } from '../helpers/test-app.js'
import { MODERATORS, ofKind } from './notifier-harness.js'
import { recordingParts } from './recording-parts.js'
import { lambdaRecords } from './stream-records.js'

async function notifierApp(site: Record<string, unknown>) {
  const t = await createTestApp({ site })
  const mail = recordingParts(t.deps.store, t.clock)
  const ctx = createNotifierContext(
    createNotifierDeps(
      createNotifierBase(t.config, { client: t.client, clock: t.clock, log: () => {} }),
      mail.parts,
    ),
  )
  return { t, mail, ctx }
}

describe('each delivery at most once', () => {
  it('fails the record while an earlier sender that died still holds a delivery, and sends it once the lease lapses', async () => {
    const { t, mail, ctx } = await notifierApp({
      moderation: 'pre',
      notifications: { moderatorEmails: [MODERATORS[0]] },
    })
    await postAsGuest(t.app, { body: 'held' })
    const records = await lambdaRecords(t)
    // A first run claims the mail and dies before sending it: the claim stays, unfinished.
    mail.failWhen(() => true)
    await runNotifier(ctx, records)
    const [planned] = mail.attempts
    if (!planned) throw new Error('no delivery was attempted')
    expect(await ctx.ledger.claim('demo', planned.deliveryId, t.clock())).toBe(true)
    mail.failWhen(() => false)

    const held = await runNotifier(ctx, records)
    expect(held.batchItemFailures.length).toBeGreaterThan(0)
    expect(mail.delivered).toEqual([])

    t.clock.advance(DELIVERY_LEASE_MS + 1)
    expect(await runNotifier(ctx, records)).toEqual({ batchItemFailures: [] })
    expect(ofKind(mail.delivered, 'moderator-mail')).toHaveLength(1)
    expect(await runNotifier(ctx, records)).toEqual({ batchItemFailures: [] })
    expect(ofKind(mail.delivered, 'moderator-mail')).toHaveLength(1)
  })

  it("plans a confirmation again after its delivery failed, though the address's daily claim is taken", async () => {
    const { t, mail, ctx } = await notifierApp({ notifications: { moderatorEmails: [] } })
    await postAsGuest(t.app, { author: { name: 'Ada', email: 'ada@readers.example' }, notify: true })
    const records = await lambdaRecords(t)
    mail.failWhen(() => true)
    expect((await runNotifier(ctx, records)).batchItemFailures.length).toBeGreaterThan(0)
    expect(mail.attempts.map((p) => p.kind)).toEqual(['confirmation-mail'])

    mail.failWhen(() => false)
    expect(await runNotifier(ctx, records)).toEqual({ batchItemFailures: [] })
    expect(ofKind(mail.delivered, 'confirmation-mail')).toHaveLength(1)
    // Read once more: sent, so not again; and a new comment the same day gets no second one.
    expect(await runNotifier(ctx, records)).toEqual({ batchItemFailures: [] })
    await postAsGuest(t.app, {
      author: { name: 'Ada', email: 'ADA@readers.example' },
      notify: true,
      body: 'again',
    })
    expect(await runNotifier(ctx, await lambdaRecords(t))).toEqual({ batchItemFailures: [] })
    expect(ofKind(mail.delivered, 'confirmation-mail')).toHaveLength(1)
  })
})
