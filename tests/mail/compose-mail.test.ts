import { describe, expect, it } from 'vitest'
import { LANGUAGES, type Language } from '../../shared/languages.js'
import { composeConfirmationMail } from '../../shared/mail/compose-confirmation-mail.js'
import { composeDigestMail } from '../../shared/mail/compose-digest-mail.js'
import { composeModeratorMail } from '../../shared/mail/compose-moderator-mail.js'
import { composeReplyMail } from '../../shared/mail/compose-reply-mail.js'
import type { MailMessage } from '../../shared/mail/mail-message.js'
import { mailWords } from '../../shared/mail/mail-words.js'
import { API, commentRecord, headerValue, hrefs, parsed, siteIn } from './mail-fixtures.js'

const link = (what: string) => `${API}/v1/mail/${what}?token=t-${what}`
const moderation = { approve: link('moderate-a'), reject: link('moderate-r'), spam: link('moderate-s') }
const from = 'Demo blog <comments@blog.example>'

/** Each composer with the same site, comment and links. */
function everyMail(language: Language, comment = commentRecord(), siteName = 'Demo blog') {
  const site = siteIn(language, siteName)
  const reply = commentRecord({
    id: '0000000001abcdefg',
    body: 'A reply',
    name: 'Grace',
    status: 'published',
  })
  return {
    confirmation: composeConfirmationMail({
      site,
      to: 'ada@example.com',
      from,
      comment,
      links: { confirm: link('confirm'), unsubscribe: link('unsubscribe') },
    }),
    reply: composeReplyMail({
      site,
      to: 'ada@example.com',
      from,
      parent: comment,
      reply,
      links: { comment: `${API}/v1/sites/demo/comments/x`, unsubscribe: link('unsubscribe') },
    }),
    moderator: composeModeratorMail({
      site,
      to: 'mod@blog.example',
      from,
      comment,
      links: { ...moderation, unsubscribe: link('unsubscribe') },
    }),
    digest: composeDigestMail({
      site,
      to: 'mod@blog.example',
      from,
      period: 'daily',
      comments: [
        { comment, links: moderation },
        { comment: reply, links: moderation },
      ],
      links: { unsubscribe: link('unsubscribe') },
    }),
  } satisfies Record<string, MailMessage>
}

describe('composed mails', () => {
  it.each(LANGUAGES)(
    'are multipart text and HTML in the site language (%s), with one-click unsubscribe headers',
    async (language) => {
      const words = mailWords(language)
      const subjects = new Set<string>()
      for (const [kind, message] of Object.entries(everyMail(language))) {
        const mail = await parsed(message)
        const at = `${language} ${kind}`
        expect({ at, text: Boolean(mail.text?.trim()), html: typeof mail.html === 'string' }).toEqual({
          at,
          text: true,
          html: true,
        })
        expect(headerValue(mail, 'List-Unsubscribe'), at).toBe(`<${link('unsubscribe')}>`)
        expect(headerValue(mail, 'List-Unsubscribe-Post'), at).toBe('List-Unsubscribe=One-Click')
        expect(mail.subject, at).toContain('Demo blog')
        subjects.add(mail.subject ?? '')
        expect(String(mail.html), at).toContain(`<html lang="${language}">`)
        // Every link of the mail is absolute on the API's origin (the comment's own links aside).
        for (const href of hrefs(String(mail.html)))
          expect(href.startsWith(`${API}/`), `${at}: ${href}`).toBe(true)
        expect(mail.text, at).toContain(`${words.unsubscribe}: ${link('unsubscribe')}`)
      }
      expect(subjects.size).toBe(4)
    },
  )

  it('say the words of the language: Japanese moderation buttons, a German confirmation', async () => {
    const ja = await parsed(everyMail('ja').moderator)
    expect(String(ja.html)).toContain('>承認</a>')
    expect(ja.text).toContain(`承認: ${moderation.approve}`)
    const de = await parsed(everyMail('de').confirmation)
    expect(de.subject).toBe('Antwort-Benachrichtigungen auf Demo blog bestätigen')
    expect(de.text).toContain(`Ja, Antworten per E-Mail senden: ${link('confirm')}`)
  })

  it('link each action once: approve, reject and spam in a moderator mail, each comment of a digest', async () => {
    const { moderator, digest } = everyMail('en')
    const once = hrefs((await parsed(moderator)).html || '')
    expect(once).toEqual([moderation.approve, moderation.reject, moderation.spam, link('unsubscribe')])
    expect((await parsed(digest)).subject).toBe('2 new comments on Demo blog')
    expect(hrefs((await parsed(digest)).html || '').filter((h) => h === moderation.approve)).toHaveLength(2)
  })

  it('keep a hostile author name and body as text: no HTML, no injected header', async () => {
    const hostile = commentRecord({
      name: 'Eve <script>alert(1)</script>\r\nBcc: victim@example.com',
      body: '<img src=x onerror=alert(1)> [x](javascript:alert(1))\r\n\r\nBcc: victim@example.com',
    })
    for (const [kind, message] of Object.entries(
      everyMail('en', hostile, 'Blog\r\nBcc: victim@example.com'),
    )) {
      const mail = await parsed(message)
      expect({ kind, bcc: mail.headers.has('bcc'), cc: mail.headers.has('cc') }).toEqual({
        kind,
        bcc: false,
        cc: false,
      })
      expect(mail.to && 'value' in mail.to ? mail.to.value.map((a) => a.address) : [], kind).toHaveLength(1)
      const html = String(mail.html)
      expect(html, kind).not.toMatch(/<script|<img|<[a-z][^>]*\son\w+=|href="javascript:/i)
      expect(mail.subject, kind).not.toMatch(/[\r\n]/)
    }
    const moderatorHtml = String((await parsed(everyMail('en', hostile).moderator)).html)
    expect(moderatorHtml).toContain('Eve &lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('refuse a link that is not absolute http(s), or an address that would add a header', () => {
    const site = siteIn('en')
    const comment = commentRecord()
    const mail = (links: { confirm: string; unsubscribe: string }, to = 'ada@example.com') =>
      composeConfirmationMail({ site, to, from, comment, links })
    expect(() => mail({ confirm: '/v1/mail/confirm?token=x', unsubscribe: link('u') })).toThrow(TypeError)
    expect(() => mail({ confirm: 'javascript:alert(1)', unsubscribe: link('u') })).toThrow(TypeError)
    expect(() =>
      mail({ confirm: link('c'), unsubscribe: link('u') }, 'a@b.example\r\nBcc: c@d.example'),
    ).toThrow(TypeError)
  })
})
