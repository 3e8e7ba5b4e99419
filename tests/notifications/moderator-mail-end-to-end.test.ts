import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { runDigest } from '../../shared/notifications/run-digest.js'
import { tableItems } from '../helpers/table-items.js'
import { listComments, postAsGuest } from '../helpers/test-app.js'
import { eventually, MODERATORS, settle } from './notifier-harness.js'
import { linkIn, type SinkAnswer, startSmtpSink, unsubscribeUrl } from './smtp-sink.js'
import { afterTest, createWiredApp, eventuallyAsync, postForm, type WiredApp } from './wired-harness.js'

// Every part real: a comment POSTed to the app, DynamoDB Local's stream read by the poller, the
// mail composed and sent over SMTP to a real server (or written to the outbox), its link followed.

const HELD = { moderation: 'pre' as const }

async function withSmtp(site: Record<string, unknown>, answer?: SinkAnswer) {
  const smtp = await startSmtpSink(answer)
  afterTest(smtp.close)
  const t = await createWiredApp({ smtpUrl: smtp.url, site })
  return { t, smtp }
}

/**
 * The table once the notifier has finished with what it took: a mail reaches the server or the
 * outbox before its delivery record turns `sent`, so a snapshot taken earlier would race that write.
 */
const settledItems = (t: WiredApp) =>
  eventuallyAsync(async () => {
    const items = await tableItems(t)
    return !items.some((item) => item.sk === 'DLV' && item.state !== 'sent') && items
  })

/** The approve link of a moderator mail: GET changes nothing, POST publishes. */
async function expectApproveLinkPublishes(t: WiredApp, approve: string, id: string) {
  expect(new URL(approve).pathname).toBe('/v1/mail/moderate')
  const before = JSON.stringify(await settledItems(t))
  const page = await t.app.request(approve)
  expect(page.status).toBe(200)
  expect(JSON.stringify(await tableItems(t))).toBe(before)
  expect((await listComments(t.app)).body.comments).toEqual([])

  const done = await t.app.request(approve, postForm())
  expect(done.status).toBe(200)
  expect((await listComments(t.app)).body.comments.map((c) => c.id)).toEqual([id])
}

describe('a pending comment, by SMTP', () => {
  it('sends one mail per moderator over SMTP whose approve link publishes the comment on POST only', async () => {
    const { t, smtp } = await withSmtp({ ...HELD, notifications: { moderatorEmails: MODERATORS } })
    const { body } = await postAsGuest(t.app, { body: 'Please approve me', author: { name: 'Ada' } })
    expect(body.comment.status).toBe('pending')
    await eventually(() => smtp.mails.length === 2)
    await settle()
    expect(smtp.mails.map((m) => m.to).sort()).toEqual(MODERATORS.map((m) => [m]).sort())
    const mail = smtp.mails[0]?.parsed
    if (!mail) throw new Error('no mail')
    expect(mail.subject).toBe('A comment awaits moderation on Demo blog')
    expect(mail.from?.value).toEqual([{ name: 'Parley', address: 'parley@localhost' }])
    expect(mail.text).toContain('Please approve me')
    expect(mail.html).toContain('Please approve me')
    await expectApproveLinkPublishes(t, linkIn(mail, 'Approve'), body.comment.id)
    // The notifier logged what it did, never to whom.
    expect(JSON.stringify(t.notifierLogs)).not.toMatch(/mod-(one|two)@/)
  })

  it("uses the site's From and its language", async () => {
    const { t, smtp } = await withSmtp({
      ...HELD,
      language: 'de',
      notifications: { moderatorEmails: MODERATORS.slice(0, 1), from: 'Blog <comments@blog.example>' },
    })
    await postAsGuest(t.app, { body: 'Bitte freigeben' })
    const [mail] = await eventually(() => smtp.mails.length === 1 && smtp.mails)
    if (!mail) throw new Error('no mail')
    expect(mail.parsed.from?.value).toEqual([{ name: 'Blog', address: 'comments@blog.example' }])
    expect(mail.parsed.html).toContain('<html lang="de">')
    expect(linkIn(mail.parsed, 'Freigeben')).toMatch(/^http:\/\/localhost:8787\/v1\/mail\/moderate\?token=/)
  })
})

describe('a moderator who unsubscribed', () => {
  it('gets no more moderator mail after the one-click unsubscribe, while the other still does', async () => {
    const { t, smtp } = await withSmtp({ ...HELD, notifications: { moderatorEmails: MODERATORS } })
    await postAsGuest(t.app, { body: 'First held' })
    await eventually(() => smtp.mails.length === 2)
    const mine = smtp.mails.find((m) => m.to[0] === MODERATORS[0])?.parsed
    if (!mine) throw new Error('no mail')
    const res = await t.app.request(unsubscribeUrl(mine), postForm('List-Unsubscribe=One-Click'))
    expect(res.status).toBe(200)

    await postAsGuest(t.app, { body: 'Second held' })
    await eventually(() => smtp.mails.length === 3)
    await settle()
    expect(smtp.mails.map((m) => m.to[0])).toEqual([
      ...smtp.mails.slice(0, 2).map((m) => m.to[0]),
      MODERATORS[1],
    ])
  })
})

describe('a pending comment, without SMTP_URL', () => {
  it('writes one .eml per moderator into DATA_DIR/outbox whose approve link works', async () => {
    const t = await createWiredApp({
      site: { ...HELD, notifications: { moderatorEmails: MODERATORS.slice(0, 1) } },
    })
    const { body } = await postAsGuest(t.app, { body: 'From the outbox' })
    const outbox = join(t.dataDir, 'outbox')
    const files = await eventuallyAsync(async () => {
      const names = await readdir(outbox).catch(() => [])
      return names.filter((n) => n.endsWith('.eml')).length === 1 && names
    })
    const name = files.find((n) => n.endsWith('.eml')) ?? ''
    const mail = await simpleParser(await readFile(join(outbox, name)))
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(MODERATORS[0])
    expect(t.notifierLogs.some((l) => l[1] === 'mail written to the outbox')).toBe(true)
    await expectApproveLinkPublishes(t, linkIn(mail, 'Approve'), body.comment.id)
  })
})

describe('the hourly digest', () => {
  it('mails each moderator one digest listing the held comments, with links that work', async () => {
    const { t, smtp } = await withSmtp({
      ...HELD,
      notifications: { moderatorEmails: MODERATORS.slice(0, 1), digest: 'hourly' },
    })
    const first = await postAsGuest(t.app, { body: 'First held comment' })
    t.clock.advance(1000)
    const second = await postAsGuest(t.app, { body: 'Second held comment' })
    await eventuallyAsync(async () => (await t.notifier.ctx.digests.list('demo')).length === 2)
    expect(smtp.mails).toEqual([])

    expect(await runDigest(t.notifier.ctx, 'hourly')).toBe(1)
    expect(smtp.mails).toHaveLength(1)
    const mail = smtp.mails[0]?.parsed
    if (!mail) throw new Error('no digest')
    expect(mail.subject).toBe('2 new comments on Demo blog')
    expect(mail.text).toContain('First held comment')
    expect(mail.text).toContain('Second held comment')
    // One approve link per comment, in the order they came.
    const approves = [...(mail.text ?? '').matchAll(/^Approve: (\S+)$/gm)].map((m) => m[1] ?? '')
    expect(approves).toHaveLength(2)
    expect((await t.app.request(approves[1] ?? '', postForm())).status).toBe(200)
    expect((await listComments(t.app)).body.comments.map((c) => c.id)).toEqual([second.body.comment.id])
    expect(first.body.comment.id).not.toBe(second.body.comment.id)
    // The next run has nothing new to tell.
    expect(await runDigest(t.notifier.ctx, 'hourly')).toBe(0)
    expect(smtp.mails).toHaveLength(1)
  })
})

describe('an SMTP server refusing mail', () => {
  it('sends nothing twice when the second mail of a batch is refused for now and the batch is read again', async () => {
    const { t, smtp } = await withSmtp({ ...HELD, notifications: { moderatorEmails: MODERATORS } }, (n) =>
      n === 2 ? 451 : 'accept',
    )
    await postAsGuest(t.app, { body: 'Held, mailed to two' })
    await eventually(() => smtp.mails.length === 2, 10_000)
    await settle()
    expect(smtp.refused()).toBe(1)
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([...MODERATORS].sort())
    expect(t.notifierLogs.some((l) => l[1] === 'stream record failed')).toBe(true)
  })

  it('gives up a mail refused for good without holding the stream, and mails the next comment', async () => {
    const { t, smtp } = await withSmtp(
      { ...HELD, notifications: { moderatorEmails: MODERATORS.slice(0, 1) } },
      (n) => (n === 1 ? 550 : 'accept'),
    )
    await postAsGuest(t.app, { body: 'Refused for good' })
    await postAsGuest(t.app, { body: 'The next one' })
    await eventually(() => smtp.mails.length === 1)
    await settle()
    expect(smtp.refused()).toBe(1)
    expect(smtp.mails[0]?.parsed.text).toContain('The next one')
    expect(t.notifierLogs.some((l) => l[1] === 'mail refused for good: not sent again')).toBe(true)
    expect(t.notifierLogs.some((l) => l[1] === 'stream record failed')).toBe(false)
    expect(JSON.stringify(t.notifierLogs)).not.toContain(MODERATORS[0])
  })
})
