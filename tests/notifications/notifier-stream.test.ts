import { describe, expect, it } from 'vitest'
import { SUBSCRIPTION_PREFIX } from '../../shared/db/item-keys.js'
import { runDigest } from '../../shared/notifications/run-digest.js'
import { tableItems } from '../helpers/table-items.js'
import { jsonRequest, postAsGuest } from '../helpers/test-app.js'
import { createNotifiedApp, eventually, kinds, MODERATORS, ofKind } from './notifier-harness.js'

const subscriptionItems = async (t: Parameters<typeof tableItems>[0]) =>
  (await tableItems(t)).filter((i) => String(i.sk).startsWith(SUBSCRIPTION_PREFIX))

// The notifier reads DynamoDB Local's real stream of the test's table, as `npm start` runs it;
// comments go in through the real app. The mail module's repositories are in memory.

const guest = (name: string, email?: string) => ({ author: { name, ...(email && { email }) } })

describe('moderator mail from the stream', () => {
  it('plans one moderator mail per moderator for a pending comment, within seconds of the POST', async () => {
    const t = await createNotifiedApp()
    const started = Date.now()
    const { body } = await postAsGuest(t.app, { body: 'Please approve me' })
    expect(body.comment.status).toBe('pending')
    const mails = await eventually(() => {
      const m = ofKind(t.mail.delivered, 'moderator-mail')
      return m.length === 2 && m
    })
    const latency = (t.mail.deliveredAt[0] ?? 0) - started
    console.log(`POST to the first plan reaching deliver: ${latency} ms`)
    expect(latency).toBeLessThan(3_000)
    expect(mails.map((m) => m.to).sort()).toEqual([...MODERATORS].sort())
    expect(mails.every((m) => m.comment.id === body.comment.id && m.site.id === 'demo')).toBe(true)
    expect(new Set(mails.map((m) => m.deliveryId)).size).toBe(2)
  })

  it('plans no mail for a published comment when onNew is pending, and one when it is all', async () => {
    const quiet = await createNotifiedApp({ site: { moderation: 'post' } })
    await postAsGuest(quiet.app, { body: 'Published at once' })
    const loud = await createNotifiedApp({
      site: {
        moderation: 'post',
        notifications: { moderatorEmails: MODERATORS, onNew: 'all', webhooks: [] },
      },
    })
    const { body } = await postAsGuest(loud.app, { body: 'Published, and moderators hear of it' })
    await eventually(() => ofKind(loud.mail.delivered, 'moderator-mail').length === 2)
    expect(ofKind(loud.mail.delivered, 'moderator-mail')[0]?.comment.id).toBe(body.comment.id)
    // The quiet site's stream was read past its comment meanwhile: a later held comment proves it.
    await postAsGuest(quiet.app, {
      body: 'held: a link https://a.example https://b.example https://c.example https://d.example',
    })
    await eventually(() => ofKind(quiet.mail.delivered, 'moderator-mail').length === 2)
    expect(ofKind(quiet.mail.delivered, 'moderator-mail').every((m) => m.comment.status === 'pending')).toBe(
      true,
    )
  })

  it('plans no moderator mail when onNew is none', async () => {
    const t = await createNotifiedApp({
      site: {
        notifications: {
          moderatorEmails: MODERATORS,
          onNew: 'none',
          webhooks: [{ id: 'hook', url: 'https://hooks.example/in', events: ['comment.created'] }],
        },
      },
    })
    await postAsGuest(t.app, { body: 'Nobody is mailed' })
    await eventually(() => ofKind(t.mail.delivered, 'webhook').length === 1)
    expect(kinds(t.mail.delivered)).toEqual(['webhook'])
  })

  it('plans nothing at all for a comment held as spam, not even a webhook', async () => {
    const t = await createNotifiedApp({
      site: {
        moderation: 'post',
        notifications: {
          moderatorEmails: MODERATORS,
          onNew: 'all',
          webhooks: [{ id: 'hook', url: 'https://hooks.example/in', events: ['comment.created'] }],
        },
      },
    })
    const spam = await postAsGuest(t.app, {
      body: 'Buy now',
      hp: 'filled by a bot',
      ...guest('Bot', 'bot@spam.example'),
      notify: true,
    })
    const ham = await postAsGuest(t.app, { body: 'A real comment' })
    // The stream is read in order: once the real comment is planned, the spam was read and passed over.
    await eventually(() => ofKind(t.mail.delivered, 'webhook').length === 1)
    await eventually(() => ofKind(t.mail.delivered, 'moderator-mail').length === 2)
    const about = t.mail.delivered.map((p) =>
      'comment' in p
        ? p.comment.id
        : p.kind === 'webhook' && 'comment' in p.event
          ? p.event.comment.id
          : undefined,
    )
    expect(about.every((id) => id === ham.body.comment.id)).toBe(true)
    expect(spam.body.comment.status).toBe('pending')
    expect(await subscriptionItems(t)).toEqual([])
  })

  it('sends the approved comment to webhooks that asked for comment.published, once', async () => {
    const t = await createNotifiedApp({
      site: {
        notifications: {
          moderatorEmails: [],
          webhooks: [{ id: 'hook', url: 'https://hooks.example/in', events: ['comment.published'] }],
        },
      },
    })
    const { body } = await postAsGuest(t.app, { body: 'Approve me' })
    const res = await t.app.request(
      '/v1/admin/sites/demo/moderation',
      jsonRequest(
        'POST',
        { action: 'approve', ids: [body.comment.id] },
        { Authorization: `Bearer ${t.adminKey}` },
      ),
    )
    expect(res.status).toBe(200)
    const [hook] = await eventually(
      () => ofKind(t.mail.delivered, 'webhook').length === 1 && ofKind(t.mail.delivered, 'webhook'),
    )
    expect(hook?.event.type).toBe('comment.published')
  })
})

describe('page feedback', () => {
  it('sends a vote to webhooks that asked for feedback.created, and a changed vote again', async () => {
    const t = await createNotifiedApp({
      site: {
        notifications: {
          moderatorEmails: MODERATORS,
          webhooks: [{ id: 'hook', url: 'https://hooks.example/in', events: ['feedback.created'] }],
        },
      },
    })
    const vote = (v: string) =>
      t.app.request(
        '/v1/sites/demo/feedback',
        jsonRequest('POST', {
          page: 'https://blog.example/2026/hello-world',
          vote: v,
          visitor: 'visitor-123',
        }),
      )
    expect((await vote('up')).status).toBe(201)
    expect((await vote('down')).status).toBe(201)
    const hooks = await eventually(
      () => ofKind(t.mail.delivered, 'webhook').length === 2 && ofKind(t.mail.delivered, 'webhook'),
    )
    expect(hooks.map((h) => h.event.type === 'feedback.created' && h.event.feedback.vote)).toEqual([
      'up',
      'down',
    ])
    expect(ofKind(t.mail.delivered, 'moderator-mail')).toEqual([])
  })
})

describe('latency', () => {
  it("delivers each plan within a couple of polls of npm start's 250 ms after its POST", async () => {
    const t = await createNotifiedApp({
      intervalMs: 250,
      site: { notifications: { moderatorEmails: [MODERATORS[0] ?? ''] } },
    })
    const latencies: number[] = []
    for (let i = 0; i < 8; i++) {
      const started = Date.now()
      await postAsGuest(t.app, { body: `timed ${i}` })
      await eventually(() => t.mail.delivered.length === i + 1)
      latencies.push((t.mail.deliveredAt[i] ?? 0) - started)
    }
    const sorted = [...latencies].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0
    console.log(
      `POST → deliver, 250 ms polling: median ${median} ms, max ${sorted.at(-1)} ms (${latencies.join(', ')})`,
    )
    expect(median).toBeLessThan(1_500)
  })
})

describe('digests', () => {
  it('files comments for the digest instead of mailing, then sends one digest per moderator per period', async () => {
    const t = await createNotifiedApp({
      site: { notifications: { moderatorEmails: MODERATORS, digest: 'hourly', webhooks: [] } },
    })
    const first = await postAsGuest(t.app, { body: 'First for the digest' })
    t.clock.advance(1000)
    const second = await postAsGuest(t.app, { body: 'Second for the digest' })
    await eventually(async () => (await t.ctx.digests.list('demo')).length === 2 || undefined)
    await eventually(
      () => t.notifierLogs.filter((l) => JSON.stringify(l).includes('"digest-entry"')).length >= 2,
    )
    expect(await t.ctx.digests.list('demo')).toHaveLength(2)
    expect(t.mail.delivered).toEqual([])

    expect(await runDigest(t.ctx, 'daily')).toBe(0)
    expect(await runDigest(t.ctx, 'hourly')).toBe(2)
    const digests = ofKind(t.mail.delivered, 'digest-mail')
    expect(digests.map((d) => d.to).sort()).toEqual([...MODERATORS].sort())
    for (const d of digests)
      expect(d.comments.map((c) => c.id)).toEqual([first.body.comment.id, second.body.comment.id])
    // Sent: the entries are gone, and the next run of the period has nothing to send.
    expect(await t.ctx.digests.list('demo')).toEqual([])
    expect(await runDigest(t.ctx, 'hourly')).toBe(0)
    expect(ofKind(t.mail.delivered, 'digest-mail')).toHaveLength(2)
  })
})
