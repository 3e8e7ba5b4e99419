import { describe, expect, it } from 'vitest'
import { PAGE, postAsGuest } from '../helpers/test-app.js'
import { headerValue } from '../mail/mail-fixtures.js'
import { answerStatus, startReceiver } from '../webhooks/receiver.js'
import { eventually, settle } from './notifier-harness.js'
import { linkIn, startSmtpSink, unsubscribeUrl } from './smtp-sink.js'
import { afterTest, createWiredApp, postForm, type WiredApp } from './wired-harness.js'

// Double opt-in, reply mail and one-click unsubscribe with every part real: the stream, the
// poller, M's repositories and composers, a real SMTP server, the mail links' routes.

const ADA = 'ada@readers.example'
const BOB = 'bob@readers.example'

/**
 * A post-moderated site whose one webhook hears of every published comment: the receiver getting a
 * comment's delivery tells the test the notifier is past it (its mails, sent before, are in).
 */
async function readerApp() {
  const smtp = await startSmtpSink()
  const receiver = await startReceiver(answerStatus(204))
  afterTest(smtp.close)
  afterTest(receiver.close)
  const t = await createWiredApp({
    smtpUrl: smtp.url,
    site: {
      moderation: 'post',
      notifications: {
        moderatorEmails: [],
        webhooks: [{ id: 'seen', url: receiver.url(), events: ['comment.published'], format: 'slack' }],
      },
    },
  })
  const post = async (body: string, email: string, extra: Record<string, unknown> = {}) => {
    const { comment } = (await postAsGuest(t.app, { body, author: { name: body, email }, ...extra })).body
    await eventually(() => receiver.received.some((r) => r.body.includes(body)))
    return comment
  }
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address))
  return { t, smtp, post, mailsTo }
}

const follow = async (t: WiredApp, link: string, body = '') => {
  const res = await t.app.request(link, postForm(body))
  expect(res.status).toBe(200)
}

describe('reply mail after double opt-in', () => {
  it('confirms once, mails replies only after the confirmation, never to their author, and stops on one-click unsubscribe', async () => {
    const { t, smtp, post, mailsTo } = await readerApp()
    const parent = await post('Tell me of replies', ADA, { notify: true })
    expect(mailsTo(ADA)).toHaveLength(1)
    const confirmation = mailsTo(ADA)[0]?.parsed
    if (!confirmation) throw new Error('no confirmation')
    expect(confirmation.subject).toBe('Confirm reply notifications on Demo blog')
    // A second comment asking for replies within 24 h: no second confirmation.
    await post('Me again, same day', ADA, { notify: true })
    expect(mailsTo(ADA)).toHaveLength(1)

    await post('A reply before the confirmation', BOB, { parentId: parent.id })
    expect(mailsTo(ADA)).toHaveLength(1)

    // A scanner's GET of the link confirms nothing; the page's button does.
    const confirm = linkIn(confirmation, 'Yes, e-mail me replies')
    expect((await t.app.request(confirm)).status).toBe(200)
    await post('A reply the scanner should not unlock', BOB, { parentId: parent.id })
    expect(mailsTo(ADA)).toHaveLength(1)
    await follow(t, confirm)

    await post('A reply after the confirmation', BOB, { parentId: parent.id })
    await post('Answering myself', ADA, { parentId: parent.id })
    const replies = mailsTo(ADA).slice(1)
    expect(replies).toHaveLength(1)
    const reply = replies[0]?.parsed
    if (!reply) throw new Error('no reply mail')
    expect(reply.subject).toBe('A reply after the confirmation replied to your comment on Demo blog')
    expect(reply.text).toContain('A reply after the confirmation')
    expect(linkIn(reply, 'Read the reply')).toBe(PAGE)
    expect(mailsTo(BOB)).toEqual([])

    // RFC 8058: the mail provider posts the one-click body to the List-Unsubscribe URL.
    expect(headerValue(reply, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    await follow(t, unsubscribeUrl(reply), 'List-Unsubscribe=One-Click')
    await post('A reply after the unsubscribe', BOB, { parentId: parent.id })
    await settle()
    expect(smtp.mails).toHaveLength(2)
  })
})
