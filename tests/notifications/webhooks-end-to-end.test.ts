import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { readWebhookSecret } from '../../shared/webhooks/webhook-secrets.js'
import { postAsGuest } from '../helpers/test-app.js'
import { answerStatus, type Received, startReceiver } from '../webhooks/receiver.js'
import { eventually, settle } from './notifier-harness.js'
import { afterTest, createWiredApp } from './wired-harness.js'

// A published comment reaches a real loopback receiver through the stream, the poller, W's timer
// retry queue and deliveries; the receiver verifies each with the standardwebhooks package.

async function hookedApp(answers: number[] = []) {
  let calls = 0
  const receiver = await startReceiver((res, request) => answerStatus(answers[calls++] ?? 204)(res, request))
  afterTest(receiver.close)
  const t = await createWiredApp({
    site: {
      moderation: 'post',
      notifications: {
        moderatorEmails: [],
        webhooks: [{ id: 'h1', url: receiver.url(), events: ['comment.published'], format: 'standard' }],
      },
    },
  })
  const secret = await readWebhookSecret(t.deps.store, t.deps.keys, 'demo', 'h1')
  if (!secret) throw new Error('no secret')
  const verify = (r: Received) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>)
  return { t, receiver, verify }
}

describe('webhooks from the stream', () => {
  it('delivers comment.published once, signed so that standardwebhooks verifies it', async () => {
    const { t, receiver, verify } = await hookedApp()
    const { body } = await postAsGuest(t.app, { body: 'Hello, hooks' })
    await eventually(() => receiver.received.length === 1)
    await settle()
    expect(receiver.received).toHaveLength(1)
    const payload = verify(receiver.received[0] as Received)
    expect(payload).toMatchObject({
      type: 'comment.published',
      data: { siteId: 'demo', comment: { id: body.comment.id, status: 'published' } },
    })
    expect(JSON.stringify(payload)).not.toMatch(/ipHash|editTokenHash|@/)
  })

  it('retries after a 500 with the same webhook-id, and stops once the receiver took it', async () => {
    const { t, receiver, verify } = await hookedApp([500])
    await postAsGuest(t.app, { body: 'Retried' })
    // The first retry waits about 5 s (W's schedule: 5 s ± 10 %).
    await eventually(() => receiver.received.length === 2, 12_000)
    await t.notifier.webhooks.idle()
    const [first, second] = receiver.received
    if (!first || !second) throw new Error('two attempts expected')
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id'])
    expect(verify(second)).toEqual(verify(first))
    expect(t.notifier.webhooks.waiting()).toBe(0)
  })
})
