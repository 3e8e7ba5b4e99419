import { describe, expect, it } from 'vitest'
import { createNotifier } from '../../functions/notifier/create-notifier.js'
import { keyedHash } from '../../shared/crypto/ip-hash.js'
import { createSuppressionList } from '../../shared/mail/suppression-list.js'
import { runNotifier } from '../../shared/notifications/run-notifier.js'
import type { WebhookJob } from '../../shared/webhooks/webhook-job.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, postAsGuest } from '../helpers/test-app.js'
import { HOSTS, testNetwork } from '../webhooks/network.js'
import { MODERATORS } from './notifier-harness.js'
import { lambdaRecords } from './stream-records.js'

/** The notifier as the Lambda wires it, with a queue that keeps what is scheduled and a mailer that keeps what is sent. */
async function wired(mail: boolean) {
  const network = testNetwork(HOSTS).network
  const t = await createTestApp({
    webhookNetwork: network,
    site: {
      moderation: 'pre',
      notifications: {
        moderatorEmails: MODERATORS,
        webhooks: [{ id: 'h1', url: 'https://hooks.example/in', events: ['comment.created'] }],
      },
    },
  })
  const scheduled: WebhookJob[] = []
  const sent: string[] = []
  const logs: unknown[][] = []
  const notifier = createNotifier(
    t.config,
    {
      apiOrigin: 'https://comments.blog.example',
      mailer: mail ? { send: async (m) => void sent.push(m.to) } : undefined,
      defaultFrom: 'comments@blog.example',
      network,
      queue: () => ({ schedule: async (job) => void scheduled.push(job) }),
    },
    { client: t.client, clock: t.clock, log: (...e) => void logs.push(e) },
  )
  return { t, notifier, scheduled, sent, logs }
}

describe('the wired notifier', () => {
  it('mails moderators and queues the webhook job once per event', async () => {
    const { t, notifier, scheduled, sent } = await wired(true)
    await postAsGuest(t.app, { body: 'Held' })
    const records = await lambdaRecords(t)
    expect(await runNotifier(notifier.ctx, records)).toEqual({ batchItemFailures: [] })
    expect(await runNotifier(notifier.ctx, records)).toEqual({ batchItemFailures: [] })
    expect(sent.sort()).toEqual([...MODERATORS].sort())
    expect(scheduled.map((j) => [j.webhookId, j.eventType, j.attempt])).toEqual([
      ['h1', 'comment.created', 1],
    ])
  })

  it('plans no mail at all without a mailer, and still queues webhooks', async () => {
    const { t, notifier, scheduled } = await wired(false)
    await postAsGuest(t.app, {
      body: 'Held',
      author: { name: 'Ada', email: 'ada@readers.example' },
      notify: true,
    })
    expect(await runNotifier(notifier.ctx, await lambdaRecords(t))).toEqual({ batchItemFailures: [] })
    expect(scheduled).toHaveLength(1)
    const items = await tableItems(t)
    // The webhook's ledger claim only: none for a mail, no cap counted, no confirmation claim
    // taken; the subscription is kept for a deployment that mails later.
    expect(items.filter((i) => i.sk === 'DLV').map((i) => String(i.pk).split('/').at(-1))).toEqual([
      'webhook',
    ])
    expect(items.some((i) => String(i.pk).includes('#RL#mail#'))).toBe(false)
    expect(items.some((i) => 'confirmationMailAt' in i)).toBe(false)
    expect(items.filter((i) => String(i.sk).startsWith('SUB#'))).toHaveLength(1)
  })

  it('drops a queue message that is not a job, and suppresses by keyed hash in the real list', async () => {
    const { t, notifier, logs } = await wired(true)
    await expect(notifier.handlerDeps.processWebhookJob({ id: 'not a job' })).resolves.toBeUndefined()
    expect(logs.some((l) => l[1] === 'webhook message is not a job: dropped')).toBe(true)
    const hash = keyedHash(t.deps.keys, 'email', 'gone@x.example')
    await notifier.handlerDeps.suppress(hash, 'bounce', t.clock())
    expect(await createSuppressionList(t.deps.store).isSuppressed(hash)).toBe(true)
  })
})
