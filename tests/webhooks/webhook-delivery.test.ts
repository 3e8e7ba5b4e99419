import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it } from 'vitest'
import { DELIVERY_LEASE_MS } from '../../shared/notifications/delivery-ledger.js'
import { SITE_CACHE_MS } from '../../shared/sites/site-directory.js'
import type { Webhook as WebhookConfig } from '../../shared/sites/site-schema.js'
import { createSitesRepository } from '../../shared/sites/sites-repository.js'
import { listAttempts } from '../../shared/webhooks/delivery-log.js'
import { processWebhookJob } from '../../shared/webhooks/process-webhook-job.js'
import { RETRY_WINDOW_MS } from '../../shared/webhooks/retry-schedule.js'
import { webhookJobsFor } from '../../shared/webhooks/webhook-jobs-for.js'
import { readWebhookSecret } from '../../shared/webhooks/webhook-secrets.js'
import { createTestApp, PAGE } from '../helpers/test-app.js'
import { commentRecord, everyEvent, jobDeps, SECRET_EMAIL, SECRET_IP_HASH } from './events.js'
import { HOSTS, testNetwork } from './network.js'
import { answerStatus, type Receiver, startReceiver } from './receiver.js'

const receivers: Receiver[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

const ALL_EVENTS = ['comment.created', 'comment.published', 'comment.deleted', 'feedback.created'] as const

/** Site `demo` with one webhook to a fresh loopback receiver; the clock at real time (signatures expire). */
async function setup(webhook: Partial<WebhookConfig> = {}, host?: string) {
  const receiver = await startReceiver(answerStatus(204), host)
  receivers.push(receiver)
  const net = testNetwork(HOSTS)
  const url = webhook.url ?? receiver.url()
  const t = await createTestApp({
    clockStart: Date.now(),
    webhookNetwork: net.network,
    site: {
      notifications: {
        webhooks: [{ id: 'h1', url, events: [...ALL_EVENTS], format: 'standard', ...webhook }],
      },
    },
  })
  const site = await t.deps.sites.get('demo')
  const secret = (await readWebhookSecret(t.deps.store, t.deps.keys, 'demo', 'h1')) ?? ''
  const { deps, queue } = jobDeps(t, net.network)
  const [job] = everyEvent(t.clock()).flatMap((event) => webhookJobsFor(event, site))
  if (!job) throw new Error('no job')
  return { t, net, receiver, site, secret, deps, queue, job }
}

const verify = (secret: string, r: { body: string; headers: Record<string, unknown> }) =>
  new Webhook(secret).verify(r.body, r.headers as Record<string, string>)

describe('webhook deliveries', () => {
  it('posts every event type signed per Standard Webhooks, verified by the standardwebhooks package', async () => {
    const { t, receiver, site, secret, deps } = await setup()
    const events = everyEvent(t.clock())
    for (const event of events) {
      const jobs = webhookJobsFor(event, site)
      expect(jobs).toHaveLength(1)
      for (const job of jobs) expect(await processWebhookJob(job, deps)).toBe('sent')
    }
    expect(receiver.received).toHaveLength(4)
    const verified = receiver.received.map((r) => verify(secret, r) as { type: string; data: unknown })
    expect(verified.map((p) => p.type)).toEqual(events.map((e) => e.type))
    expect(verified[0]).toMatchObject({
      timestamp: new Date(t.clock()).toISOString(),
      data: { siteId: 'demo', comment: { id: 'c1', body: 'Great **post**', author: { name: 'Ada' } } },
    })
    expect(verified[3]).toMatchObject({ data: { feedback: { vote: 'down', message: 'Could be clearer' } } })
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toMatch(/^msg_/)
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
      expect(r.body).not.toContain(SECRET_EMAIL)
      expect(r.body).not.toContain(SECRET_IP_HASH)
      expect(r.body).not.toContain('edit-token-hash')
    }
    // A signature made with another secret does not verify.
    const [first] = receiver.received
    if (!first) throw new Error('nothing received')
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, first)).toThrow()
  })

  it('makes one job per webhook that asked for the event type, with a message id stable per event and webhook', async () => {
    const { site, t } = await setup({ events: ['comment.published'] })
    const [created, published] = everyEvent(t.clock())
    if (!created || !published) throw new Error('no events')
    expect(webhookJobsFor(created, site)).toEqual([])
    const [a] = webhookJobsFor(published, site)
    const [b] = webhookJobsFor({ ...published }, site)
    expect(a?.messageId).toBe(b?.messageId)
    const other = {
      ...site,
      notifications: {
        ...site.notifications,
        webhooks: [{ ...site.notifications.webhooks[0], id: 'h2' } as WebhookConfig],
      },
    }
    expect(webhookJobsFor(published, other)[0]?.messageId).not.toBe(a?.messageId)
    expect(JSON.parse(JSON.stringify(a))).toEqual(a)
  })

  it('posts Slack and Discord payloads unsigned, a reader’s markup escaped and no one mentioned', async () => {
    const { t, net } = await setup()
    const slack = await startReceiver()
    const discord = await startReceiver()
    receivers.push(slack, discord)
    const hostile = commentRecord({
      author: {
        name: '<!channel> @everyone',
        email: SECRET_EMAIL,
        website: null,
        avatar: null,
        provider: 'guest',
        verified: false,
        moderator: false,
      },
      body: 'see <https://evil.example|your bank> & **bold** @here',
    })
    const site = {
      ...(await t.deps.sites.get('demo')),
      notifications: {
        ...(await t.deps.sites.get('demo')).notifications,
        webhooks: [
          { id: 's', url: slack.url(), events: [...ALL_EVENTS], format: 'slack' as const },
          { id: 'd', url: discord.url(), events: [...ALL_EVENTS], format: 'discord' as const },
        ],
      },
    }
    const { deps } = jobDeps(t, net.network, { sites: { get: async () => site } })
    const [event] = everyEvent(t.clock(), hostile)
    if (!event) throw new Error('no event')
    for (const job of webhookJobsFor(event, site)) expect(await processWebhookJob(job, deps)).toBe('sent')

    const [toSlack] = slack.received
    const slackBody = JSON.parse(toSlack?.body ?? '{}')
    expect(Object.keys(slackBody).sort()).toEqual(['blocks', 'text'])
    expect(slackBody.text).toBe(`New comment by *&lt;!channel&gt; @everyone* on <${PAGE}|${PAGE}>`)
    expect(slackBody.blocks[0].text.text).toBe(
      `${slackBody.text}\n>see &lt;https://evil.example|your bank&gt; &amp; **bold** @here`,
    )
    expect(toSlack?.headers['webhook-signature']).toBeUndefined()

    const [toDiscord] = discord.received
    const discordBody = JSON.parse(toDiscord?.body ?? '{}')
    expect(Object.keys(discordBody).sort()).toEqual(['allowed_mentions', 'content', 'embeds'])
    expect(discordBody.allowed_mentions).toEqual({ parse: [] })
    expect(discordBody.content).toBe('New comment by **\\<!channel\\> \\@everyone**')
    expect(discordBody.embeds[0]).toMatchObject({ url: 'https://blog.example/2026/hello-world' })
    expect(discordBody.embeds[0].description).toContain('\\*\\*bold\\*\\* \\@here')
    expect(toDiscord?.headers['webhook-signature']).toBeUndefined()
    for (const r of [toSlack, toDiscord]) expect(r?.body).not.toContain(SECRET_EMAIL)
  })

  it('retries after the receiver’s 500s with the same webhook-id, each attempt signed and logged', async () => {
    const { t, receiver, secret, deps, queue, job } = await setup()
    receiver.answer(answerStatus(500))
    expect(await processWebhookJob(job, deps)).toBe('retrying')
    expect(queue.scheduled[0]?.delayMs).toBeGreaterThanOrEqual(4_500)
    expect(queue.scheduled[0]?.delayMs).toBeLessThanOrEqual(5_500)
    t.clock.advance(queue.scheduled[0]?.delayMs ?? 0)
    expect(await processWebhookJob(queue.scheduled[0]?.job ?? job, deps)).toBe('retrying')
    expect(queue.scheduled[1]?.delayMs).toBeGreaterThan(50_000)
    receiver.answer(answerStatus(204))
    t.clock.advance(queue.scheduled[1]?.delayMs ?? 0)
    expect(await processWebhookJob(queue.scheduled[1]?.job ?? job, deps)).toBe('sent')
    expect(queue.scheduled).toHaveLength(2)

    const ids = receiver.received.map((r) => r.headers['webhook-id'])
    expect(ids).toEqual([job.messageId, job.messageId, job.messageId])
    // Verified against the real time, as the receiver would: the last one, signed now.
    const last = receiver.received.at(-1)
    if (!last) throw new Error('nothing received')
    expect(verify(secret, last)).toEqual(job.payload)
    const log = await listAttempts(t.deps.store, 'demo', 'h1')
    expect(log.map((a) => [a.attempt, a.status, a.ok, a.error])).toEqual([
      [3, 204, true, null],
      [2, 500, false, 'status'],
      [1, 500, false, 'status'],
    ])
    // Delivered: the same job again posts nothing.
    expect(await processWebhookJob(job, deps)).toBe('duplicate')
    expect(receiver.received).toHaveLength(3)
  })

  it('posts once when the same job runs five times at once', async () => {
    const { receiver, deps, job } = await setup()
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => processWebhookJob(job, deps)))
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(4)
    expect(receiver.received).toHaveLength(1)
  })

  it('never posts a delivered message again after a crash once it was sent', async () => {
    const { t, receiver, deps, job } = await setup()
    // Crash after the ledger completed, before the log was written (the store fails then).
    const crashing = {
      ...deps,
      store: {
        ...deps.store,
        send: (async (command: { input: { Item?: { sk?: string } } }) => {
          if (String(command.input.Item?.sk ?? '').startsWith('A#')) throw new Error('process died')
          return deps.store.send(command as never)
        }) as typeof deps.store.send,
      },
    }
    await expect(processWebhookJob(job, crashing)).rejects.toThrow('process died')
    expect(await processWebhookJob(job, deps)).toBe('duplicate')
    // Crash between the post and the ledger's complete: within the lease, a retry posts nothing.
    const [, second] = everyEvent(t.clock())
    if (!second) throw new Error('no event')
    const [next] = webhookJobsFor(second, await t.deps.sites.get('demo'))
    if (!next) throw new Error('no job')
    const dying = {
      ...deps,
      ledger: { ...deps.ledger, complete: async () => Promise.reject(new Error('died')) },
    }
    await expect(processWebhookJob(next, dying)).rejects.toThrow('died')
    expect(await processWebhookJob(next, deps)).toBe('duplicate')
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([job.messageId, next.messageId])
    // Once the dead sender's lease has lapsed, the message goes again, under the same webhook-id
    // (the one case of a second post: receivers deduplicate by that id, per Standard Webhooks).
    t.clock.advance(DELIVERY_LEASE_MS + 1)
    expect(await processWebhookJob(next, deps)).toBe('sent')
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([
      job.messageId,
      next.messageId,
      next.messageId,
    ])
    expect(await processWebhookJob(next, deps)).toBe('duplicate')
  })

  it('marks the webhook failing when a message has failed for 24 h, and a later success clears it', async () => {
    const { t, receiver, deps, queue, job } = await setup()
    receiver.answer(answerStatus(503))
    const old = { ...job, attempt: 10, firstAttemptAt: t.clock() - RETRY_WINDOW_MS }
    expect(await processWebhookJob(old, deps)).toBe('gave-up')
    expect(queue.scheduled).toEqual([])
    const repository = createSitesRepository(t.deps.store)
    expect((await repository.get('demo')).notifications.webhooks[0]).toMatchObject({
      failing: true,
      failingSince: new Date(t.clock()).toISOString(),
    })
    // Once the cached config (read before the mark) has expired, a success clears the mark.
    t.clock.advance(SITE_CACHE_MS + 1)
    receiver.answer(answerStatus(204))
    const [, fresh] = everyEvent(t.clock())
    const [next] = fresh ? webhookJobsFor(fresh, await repository.get('demo')) : []
    if (!next) throw new Error('no job')
    expect(await processWebhookJob(next, deps)).toBe('sent')
    const cleared = (await repository.get('demo')).notifications.webhooks[0]
    expect(cleared).not.toHaveProperty('failing')
    expect(cleared).not.toHaveProperty('failingSince')
  })

  it('refuses at delivery a host that now resolves to a private address, and posts nothing', async () => {
    const { net, deps, job, t } = await setup({ url: 'https://hooks.example/in' })
    net.answer('hooks.example', ['10.0.0.1'])
    expect(await processWebhookJob(job, deps)).toBe('retrying')
    const [attempt] = await listAttempts(t.deps.store, 'demo', 'h1')
    expect(attempt).toMatchObject({ ok: false, status: null, error: 'address' })
    net.answer('hooks.example', ['169.254.169.254'])
    expect(await processWebhookJob({ ...job, attempt: 2 }, deps)).toBe('retrying')
    expect((await listAttempts(t.deps.store, 'demo', 'h1'))[0]).toMatchObject({ error: 'address' })
  })

  it('connects to the address it checked, never resolving the host again', async () => {
    const probe = await startReceiver(answerStatus(204), '127.0.0.2')
    receivers.push(probe)
    const { net, deps, job, receiver } = await setup({ url: `http://localhost:${probe.port}/hook` })
    net.answer('localhost', ['127.0.0.2'])
    expect(await processWebhookJob(job, deps)).toBe('sent')
    expect(probe.received.map((r) => r.localAddress)).toEqual(['127.0.0.2'])
    expect(receiver.received).toEqual([])
  })

  it('does not follow a redirect: a 3xx is a failed attempt and the target gets nothing', async () => {
    const target = await startReceiver()
    receivers.push(target)
    const { receiver, deps, job, t } = await setup()
    receiver.answer((res) => {
      res.writeHead(307, { Location: target.url('/stolen') })
      res.end()
    })
    expect(await processWebhookJob(job, deps)).toBe('retrying')
    expect((await listAttempts(t.deps.store, 'demo', 'h1'))[0]).toMatchObject({
      status: 307,
      error: 'redirect',
    })
    expect(target.received).toEqual([])
  })

  it('gives up on a receiver that does not answer in time, and reads only the start of a huge answer', async () => {
    const { receiver, deps, job, t } = await setup()
    receiver.answer(() => {}) // never answers
    const started = Date.now()
    expect(await processWebhookJob(job, { ...deps, timeoutMs: 300 })).toBe('retrying')
    expect(Date.now() - started).toBeLessThan(3_000)
    expect((await listAttempts(t.deps.store, 'demo', 'h1'))[0]).toMatchObject({
      status: null,
      error: 'timeout',
    })

    let written = 0
    receiver.answer((res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' })
      const chunk = Buffer.alloc(64 * 1024, 120)
      const pump = () => {
        while (written < 256 * 1024 * 1024 && res.write(chunk)) written += chunk.length
        if (written < 256 * 1024 * 1024) res.once('drain', pump)
        else res.end()
      }
      res.on('close', () => res.removeAllListeners('drain'))
      pump()
    })
    const again = Date.now()
    expect(await processWebhookJob({ ...job, attempt: 2 }, deps)).toBe('sent')
    expect(Date.now() - again).toBeLessThan(3_000)
    expect(written).toBeLessThan(16 * 1024 * 1024)
  })

  it('drops a job whose webhook was removed, and holds back one whose time has not come', async () => {
    const { t, deps, queue, job, receiver } = await setup()
    expect(await processWebhookJob({ ...job, webhookId: 'gone' }, deps)).toBe('gone')
    expect(await processWebhookJob({ ...job, siteId: 'no-such-site' }, deps)).toBe('gone')
    expect(await processWebhookJob({ ...job, notBefore: t.clock() + 3_600_000 }, deps)).toBe('deferred')
    expect(queue.scheduled.map((s) => s.delayMs)).toEqual([3_600_000])
    expect(receiver.received).toEqual([])
  })
})
