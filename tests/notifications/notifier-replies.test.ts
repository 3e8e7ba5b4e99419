import { describe, expect, it } from 'vitest'
import { keyedHash } from '../../shared/crypto/ip-hash.js'
import { postAsGuest } from '../helpers/test-app.js'
import { createNotifiedApp, eventually, ofKind } from './notifier-harness.js'

const PARENT = 'parent@readers.example'
const REPLIER = 'replier@readers.example'
const author = (name: string, email: string) => ({ author: { name, email } })

const HOOK = { id: 'hook', url: 'https://hooks.example/in', events: ['comment.published' as const] }

/** A post-moderated site whose webhook hears of every published comment: what tells a test a comment was read. */
async function appWithParent(notifications: Record<string, unknown> = {}) {
  const t = await createNotifiedApp({
    site: { moderation: 'post', notifications: { moderatorEmails: [], webhooks: [HOOK], ...notifications } },
  })
  const parent = await postAsGuest(t.app, {
    body: 'Tell me of replies',
    ...author('Ada', PARENT),
    notify: true,
  })
  const person = { emailHash: keyedHash(t.deps.keys, 'email', PARENT) }
  await published(t, parent.body.comment.id)
  return { t, parent: parent.body.comment, person }
}

/** Waits until the notifier has read a comment's publication (its webhook plan was delivered). */
const published = (t: Awaited<ReturnType<typeof createNotifiedApp>>, id: string) =>
  eventually(() =>
    ofKind(t.mail.delivered, 'webhook').some((p) => 'comment' in p.event && p.event.comment.id === id),
  )

async function reply(
  t: Awaited<ReturnType<typeof createNotifiedApp>>,
  parentId: string,
  email = REPLIER,
  body = 'A reply',
) {
  const posted = await postAsGuest(t.app, { body, parentId, ...author('Bob', email) })
  await published(t, posted.body.comment.id)
  return posted
}

describe('confirmation and reply mail', () => {
  it('sends one confirmation mail for notify with an address, and subscribes the author to the comment', async () => {
    const { t, parent, person } = await appWithParent()
    const [confirmation] = ofKind(t.mail.delivered, 'confirmation-mail')
    expect(confirmation).toMatchObject({ to: PARENT, person, comment: { id: parent.id } })
    expect(await t.mail.subscriptions('demo', person)).toEqual([parent.id])
    // A second comment with notify the same day: the address's one confirmation of the day is taken.
    const again = await postAsGuest(t.app, { body: 'Again', ...author('Ada', PARENT), notify: true })
    await published(t, again.body.comment.id)
    expect(ofKind(t.mail.delivered, 'confirmation-mail')).toHaveLength(1)
  })

  it('mails no reply before the address is confirmed, and one after', async () => {
    const { t, parent, person } = await appWithParent()
    const before = await reply(t, parent.id, REPLIER, 'before the confirmation')
    expect(ofKind(t.mail.delivered, 'reply-mail')).toEqual([])

    await t.mail.confirm('demo', person)
    const after = await reply(t, parent.id, REPLIER, 'after the confirmation')
    const mails = ofKind(t.mail.delivered, 'reply-mail')
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({
      to: PARENT,
      person,
      parent: { id: parent.id },
      reply: { id: after.body.comment.id },
    })
    expect(before.body.comment.id).not.toBe(after.body.comment.id)
  })

  it("never mails a reply's own author, and stops when the site turns replies off", async () => {
    const { t, parent, person } = await appWithParent()
    await t.mail.confirm('demo', person)
    await reply(t, parent.id, PARENT.toUpperCase(), 'replying to myself')
    const other = await reply(t, parent.id, REPLIER, 'someone else')
    expect(ofKind(t.mail.delivered, 'reply-mail').map((m) => m.reply.id)).toEqual([other.body.comment.id])

    const off = await appWithParent({ replies: false })
    await off.t.mail.confirm('demo', off.person)
    await reply(off.t, off.parent.id)
    // With replies off the site sends no confirmation either.
    expect(ofKind(off.t.mail.delivered, 'confirmation-mail')).toEqual([])
    expect(ofKind(off.t.mail.delivered, 'reply-mail')).toEqual([])
  })

  it('mails no reply to an author who stopped reply mail or whose address bounced', async () => {
    const stopped = await appWithParent()
    await stopped.t.mail.confirm('demo', stopped.person)
    await stopped.t.mail.stop('demo', stopped.person, 'replies')
    const bounced = await appWithParent()
    await bounced.t.mail.confirm('demo', bounced.person)
    await bounced.t.mail.suppress(bounced.person.emailHash)
    for (const { t, parent } of [stopped, bounced]) {
      await reply(t, parent.id)
      expect(ofKind(t.mail.delivered, 'reply-mail')).toEqual([])
    }
  })
})

describe('caps', () => {
  it('sends no more mails to an address than its hourly cap, and the capped ones are not sent later', async () => {
    const t = await createNotifiedApp({ caps: { perAddressPerHour: 2, perSitePerHour: 100 } })
    for (const body of ['one', 'two', 'three']) await postAsGuest(t.app, { body: `pending ${body}` })
    await eventually(() => t.notifierLogs.filter((l) => JSON.stringify(l).includes('"capped"')).length === 2)
    const mails = ofKind(t.mail.delivered, 'moderator-mail')
    // Two moderators, two mails each: the third comment's mails were capped.
    expect(mails).toHaveLength(4)
    expect(new Set(mails.map((m) => m.comment.body))).toEqual(new Set(['pending one', 'pending two']))
  })

  it('caps a whole site per hour', async () => {
    const t = await createNotifiedApp({ caps: { perAddressPerHour: 100, perSitePerHour: 3 } })
    for (const body of ['one', 'two']) await postAsGuest(t.app, { body: `pending ${body}` })
    await eventually(() => t.notifierLogs.filter((l) => JSON.stringify(l).includes('"capped"')).length === 1)
    expect(ofKind(t.mail.delivered, 'moderator-mail')).toHaveLength(3)
  })
})

describe('a notifier that fails mid-batch', () => {
  it('sends nothing twice when the batch is read again after the second delivery threw', async () => {
    const t = await createNotifiedApp()
    t.mail.failWhen((_plan, attempt) => attempt === 2)
    await postAsGuest(t.app, { body: 'Held for review' })
    const mails = await eventually(
      () =>
        ofKind(t.mail.delivered, 'moderator-mail').length === 2 && ofKind(t.mail.delivered, 'moderator-mail'),
    )
    // Attempts: the first moderator's mail, the second's (threw), then after the re-read only the second's.
    expect(t.mail.attempts.map((p) => p.deliveryId)).toEqual([
      mails[0]?.deliveryId,
      mails[1]?.deliveryId,
      mails[1]?.deliveryId,
    ])
    expect(new Set(mails.map((m) => m.to)).size).toBe(2)
    const failure = t.notifierLogs.find((l) => l[1] === 'stream record failed')
    expect(failure).toBeDefined()
    // Serialised as the JSON logger does, errors included.
    const logged = JSON.stringify(t.notifierLogs, (_k, v) =>
      v instanceof Error ? { message: v.message, stack: v.stack } : v,
    )
    expect(logged).toContain('mailbox unavailable')
    expect(logged).not.toMatch(/mod-(one|two)@/)
  })
})
