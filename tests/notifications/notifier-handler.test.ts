import { describe, expect, it } from 'vitest'
import { createNotifierBase, createNotifierDeps } from '../../functions/notifier/create-notifier-deps.js'
import { createNotifierHandler } from '../../functions/notifier/notifier-handler.js'
import { keyedHash } from '../../shared/crypto/ip-hash.js'
import { createNotifierContext } from '../../shared/notifications/notifier-context.js'
import { createTestApp, postAsGuest } from '../helpers/test-app.js'
import { MODERATORS, ofKind } from './notifier-harness.js'
import { recordingParts } from './recording-parts.js'
import { lambdaRecords } from './stream-records.js'

async function handlerApp() {
  const t = await createTestApp({
    site: { moderation: 'pre', notifications: { moderatorEmails: MODERATORS } },
  })
  const mail = recordingParts(t.deps.store, t.clock)
  const logs: unknown[][] = []
  const jobs: unknown[] = []
  const suppressed: { hash: string; reason: string }[] = []
  const ctx = createNotifierContext(
    createNotifierDeps(
      createNotifierBase(t.config, { client: t.client, clock: t.clock, log: (...e) => void logs.push(e) }),
      mail.parts,
    ),
  )
  const handler = createNotifierHandler(ctx, {
    processWebhookJob: async (job) => {
      jobs.push(job)
      if (typeof job === 'object' && job !== null && 'fail' in job)
        throw new Error('https://hooks.slack.com/services/T0/B0/secret-token answered 500')
    },
    suppress: async (hash, reason) => void suppressed.push({ hash, reason }),
  })
  return { t, mail, logs, jobs, suppressed, handler, ctx }
}

const sequence = (r: unknown) => (r as { dynamodb: { SequenceNumber: string } }).dynamodb.SequenceNumber

describe('the notifier Lambda handler', () => {
  it('answers the failed record and every one after it as batchItemFailures, and a retry sends only the rest', async () => {
    const { t, mail, handler } = await handlerApp()
    for (const body of ['first', 'second', 'third']) await postAsGuest(t.app, { body })
    const records = await lambdaRecords(t)
    const comments = records.filter((r) => /"sk":\{"S":"C"\}/.test(JSON.stringify(r)))
    expect(comments).toHaveLength(3)
    // The second comment's second moderator mail fails: attempts 1, 2 (first comment), 3, 4 (second).
    mail.failWhen((_plan, attempt) => attempt === 4)
    const first = await handler({ Records: records })
    const failedAt = records.indexOf(comments[1])
    expect(first).toEqual({
      batchItemFailures: records.slice(failedAt).map((r) => ({ itemIdentifier: sequence(r) })),
    })
    expect(ofKind(mail.delivered, 'moderator-mail').map((m) => m.comment.body)).toEqual([
      'first',
      'first',
      'second',
    ])

    // Lambda hands over the batch again from the first failed record.
    const retry = await handler({ Records: records.slice(failedAt) })
    expect(retry).toEqual({ batchItemFailures: [] })
    const bodies = ofKind(mail.delivered, 'moderator-mail').map((m) => `${m.comment.body}→${m.to}`)
    expect(bodies.sort()).toEqual(
      ['first', 'second', 'third'].flatMap((b) => MODERATORS.map((to) => `${b}→${to}`)).sort(),
    )
  })

  it('passes hostile and unknown records over without failing the batch', async () => {
    const { t, mail, handler, logs } = await handlerApp()
    await postAsGuest(t.app, { body: 'real' })
    const real = (await lambdaRecords(t)).filter((r) => /"sk":\{"S":"C"\}/.test(JSON.stringify(r)))
    const image = (attrs: Record<string, unknown>) => ({
      eventID: 'e',
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '1', NewImage: attrs },
    })
    const hostile = [
      null,
      'a string',
      { Records: 'nested' },
      { eventID: 'x', eventName: 'DROP', dynamodb: {} },
      image({ pk: { S: 'S#demo#C#0abc' }, sk: { S: 'C' }, body: { S: 'no other field' } }),
      image({ pk: { S: 'S#demo#C#0abc' }, sk: { S: 'C' }, weird: { X: 'unknown type' } }),
      image({ pk: { S: 'S#demo#C#0abc' }, sk: { S: 'C' }, n: { N: 'not a number' } }),
      // An own attribute named __proto__, as JSON gives it (an object literal would set the prototype).
      image(
        JSON.parse(
          '{"pk":{"S":"S#demo#C#0abc"},"sk":{"S":"C"},"__proto__":{"M":{"polluted":{"BOOL":true}}}}',
        ),
      ),
      image({ pk: { S: 'S#other#IDEM#k' }, sk: { S: 'IDEM' } }),
      image({ pk: { S: 'S#demo#FB#https://blog.example/p' }, sk: { S: 'V#x' }, vote: { S: 'sideways' } }),
      image(
        JSON.parse(
          `{"pk":{"S":"S#demo#C#0abc"},"sk":{"S":"C"},"deep":${'{"L":['.repeat(40)}${']}'.repeat(40)}}`,
        ),
      ),
    ]
    const res = await handler({ Records: [...hostile, ...real] })
    expect(res).toEqual({ batchItemFailures: [] })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(ofKind(mail.delivered, 'moderator-mail')).toHaveLength(2)
    expect(logs.filter((l) => l[1] === 'stream record skipped').length).toBeGreaterThanOrEqual(6)
  })

  it('hands webhook jobs from the retry queue to processWebhookJob and names the failed ones', async () => {
    const { jobs, handler, logs } = await handlerApp()
    const sqs = (messageId: string, body: string) => ({ eventSource: 'aws:sqs', messageId, body })
    const res = await handler({
      Records: [
        sqs('m1', '{"id":"msg_1"}'),
        sqs('m2', '{"fail":true}'),
        sqs('m3', 'not json'),
        sqs('m4', '{"id":"msg_4"}'),
      ],
    })
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] })
    expect(jobs).toEqual([{ id: 'msg_1' }, { fail: true }, { id: 'msg_4' }])
    expect(logs.some((l) => l[1] === 'webhook job is not JSON')).toBe(true)
    const logged = JSON.stringify(logs)
    expect(logged).toContain('https://hooks.slack.com/… answered 500')
    expect(logged).not.toContain('secret-token')
  })

  it('runs the digest of the period the schedule names', async () => {
    const { t, mail, handler } = await handlerApp()
    const site = await t.deps.sites.get('demo')
    await t.deps.sites.replace('demo', { ...site, notifications: { ...site.notifications, digest: 'daily' } })
    const { body } = await postAsGuest(t.app, { body: 'for the daily digest' })
    expect(await handler({ Records: await lambdaRecords(t) })).toEqual({ batchItemFailures: [] })
    expect(mail.delivered).toEqual([])
    expect(await handler({ parley: 'digest', period: 'hourly' })).toEqual({ sent: 0 })
    expect(await handler({ parley: 'digest', period: 'daily' })).toEqual({ sent: 2 })
    expect(ofKind(mail.delivered, 'digest-mail').map((d) => d.comments.map((c) => c.id))).toEqual([
      [body.comment.id],
      [body.comment.id],
    ])
  })

  it('suppresses the recipients of permanent bounces and complaints from SES, by keyed hash only', async () => {
    const { t, handler, suppressed, logs } = await handlerApp()
    const ses = (detailType: string, detail: unknown) => ({
      source: 'aws.ses',
      'detail-type': detailType,
      detail,
    })
    const recipients = (...emailAddress: string[]) => emailAddress.map((a) => ({ emailAddress: a }))
    await handler(
      ses('Email Bounced', {
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: recipients('gone@x.example') },
      }),
    )
    await handler(
      ses('Email Bounced', {
        eventType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: recipients('full@x.example') },
      }),
    )
    await handler(
      ses('Email Complaint Received', {
        eventType: 'Complaint',
        complaint: { complainedRecipients: recipients('angry@x.example') },
      }),
    )
    await handler(ses('Email Delivered', { eventType: 'Delivery' }))
    await handler({ source: 'aws.ses', detail: 'hostile' })
    const hash = (a: string) => keyedHash(t.deps.keys, 'email', a)
    expect(suppressed).toEqual([
      { hash: hash('gone@x.example'), reason: 'bounce' },
      { hash: hash('angry@x.example'), reason: 'complaint' },
    ])
    expect(JSON.stringify(logs)).not.toMatch(/@x\.example/)
  })

  it('ignores an event it does not know', async () => {
    const { handler, logs } = await handlerApp()
    expect(await handler({ hello: 'world' })).toBeUndefined()
    expect(logs.some((l) => l[1] === 'notifier event not understood')).toBe(true)
  })
})
