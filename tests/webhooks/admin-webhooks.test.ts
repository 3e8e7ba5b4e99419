import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it } from 'vitest'
import { createSitesRepository } from '../../shared/sites/sites-repository.js'
import { markWebhookFailing } from '../../shared/webhooks/failing-mark.js'
import { readWebhookSecret } from '../../shared/webhooks/webhook-secrets.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { createTestApp } from '../helpers/test-app.js'
import { HOSTS, testNetwork } from './network.js'
import { answerStatus, type Receiver, startReceiver } from './receiver.js'

const receivers: Receiver[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

async function setup() {
  const receiver = await startReceiver()
  receivers.push(receiver)
  const t = await createTestApp({
    clockStart: Date.now(),
    webhookNetwork: testNetwork(HOSTS).network,
    site: {
      notifications: {
        webhooks: [
          { id: 'h1', url: receiver.url(), events: ['comment.created'], format: 'standard' },
          { id: 'slack', url: receiver.url('/slack'), events: ['comment.created'], format: 'slack' },
        ],
      },
    },
  })
  const auth = { headers: { Authorization: `Bearer ${t.adminKey}` } }
  const test = (id: string, init: RequestInit = auth) =>
    t.app.request(`/v1/admin/sites/demo/webhooks/${id}/test`, { method: 'POST', ...init })
  const deliveries = (id: string, init: RequestInit = auth) =>
    t.app.request(`/v1/admin/sites/demo/webhooks/${id}/deliveries`, init)
  return { t, receiver, test, deliveries }
}

describe('/v1/admin/sites/{siteId}/webhooks/{webhookId}', () => {
  it('posts a signed test event now and answers the attempt, which the delivery log then shows', async () => {
    const { t, receiver, test, deliveries } = await setup()
    const { delivery } = await bodyOf(await test('h1'), 'testWebhook', 200)
    expect(delivery).toMatchObject({
      ok: true,
      status: 204,
      error: null,
      eventType: 'webhook.test',
      attempt: 1,
    })
    const [request] = receiver.received
    if (!request) throw new Error('nothing received')
    const secret = (await readWebhookSecret(t.deps.store, t.deps.keys, 'demo', 'h1')) ?? ''
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toMatchObject(
      {
        type: 'webhook.test',
        data: { siteId: 'demo', webhookId: 'h1' },
      },
    )
    const log = await bodyOf(await deliveries('h1'), 'webhookDeliveries', 200)
    expect(log.deliveries).toEqual([delivery])
    expect(JSON.stringify(log)).not.toContain(secret.slice(6))
  })

  it('answers a failed test as an attempt with its status and error class', async () => {
    const { receiver, test } = await setup()
    receiver.answer(answerStatus(500))
    const { delivery } = await bodyOf(await test('slack'), 'testWebhook', 200)
    expect(delivery).toMatchObject({ ok: false, status: 500, error: 'status' })
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toEqual({
      text: 'Test event from Parley for site demo: this webhook works.',
    })
  })

  it('clears the failing mark when a test event gets through', async () => {
    const { t, test } = await setup()
    await markWebhookFailing(t.deps.store, await t.deps.sites.get('demo'), 'h1', true, t.clock())
    t.clock.advance(31_000)
    expect((await bodyOf(await test('h1'), 'testWebhook', 200)).delivery.ok).toBe(true)
    expect(
      (await createSitesRepository(t.deps.store).get('demo')).notifications.webhooks[0],
    ).not.toHaveProperty('failing')
  })

  it('returns 404 not-found for a webhook the site does not have, and posts nothing', async () => {
    const { receiver, test, deliveries } = await setup()
    expect((await problemOf(await test('nope'), 404)).code).toBe('not-found')
    expect((await problemOf(await deliveries('nope'), 404)).code).toBe('not-found')
    expect(receiver.received).toEqual([])
  })

  it('returns 401 unauthenticated without credentials and invalid-token for a wrong key, and posts nothing', async () => {
    const { receiver, test, deliveries } = await setup()
    expect((await problemOf(await test('h1', {}), 401)).code).toBe('unauthenticated')
    expect((await problemOf(await deliveries('h1', {}), 401)).code).toBe('unauthenticated')
    const wrong = { headers: { Authorization: 'Bearer not-the-key' } }
    expect((await problemOf(await test('h1', wrong), 401)).code).toBe('invalid-token')
    expect(receiver.received).toEqual([])
  })
})
