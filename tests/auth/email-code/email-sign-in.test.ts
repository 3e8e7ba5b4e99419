import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyedHash } from '../../../shared/crypto/ip-hash.js'
import { signInCodeKey } from '../../../shared/db/item-keys.js'
import { createSmtpMailer } from '../../../shared/mail/smtp-mailer.js'
import { bodyOf } from '../../helpers/route-contract.js'
import { tableItems } from '../../helpers/table-items.js'
import { createTestApp, jsonRequest, ORIGIN, PAGE, type TestApp } from '../../helpers/test-app.js'
import { headerValue } from '../../mail/mail-fixtures.js'
import { type SmtpSink, startSmtpSink } from '../../notifications/smtp-sink.js'
import { codeFor, handoff, popup, problemOfPage } from './email-popup.js'

let sink: SmtpSink
let mailer: ReturnType<typeof createSmtpMailer>
let t: TestApp
let n = 0
const address = () => `reader-${n++}@mail.example`

beforeAll(async () => {
  sink = await startSmtpSink()
  mailer = createSmtpMailer(sink.url)
  t = await createTestApp({
    signInMail: { mailer, from: 'Parley <parley@blog.example>' },
    site: {
      guests: { allowed: false, requireEmail: false },
      providers: [{ id: 'mail', type: 'email' }],
    },
  })
})
afterAll(async () => {
  mailer.close()
  await sink.close()
})

const codeItem = (t: TestApp, addr: string) =>
  tableItems(t).then((items) =>
    items.find((i) => i.pk === signInCodeKey('demo', 'mail', keyedHash(t.deps.keys, 'email', addr)).pk),
  )

describe('sign-in by e-mail code', () => {
  it('mails six digits, signs the reader in, and the session posts a verified comment', async () => {
    const addr = 'Ada.Lovelace@Mail.Example '
    const p = popup(t)
    const start = await p.start()
    expect(start.res.status).toBe(200)
    expect(start.res.headers.get('content-security-policy')).toContain("form-action 'self'")
    // Under the API's no-referrer a browser posts the form with `Origin: null`, which is refused.
    expect(start.res.headers.get('referrer-policy')).toBe('same-origin')
    expect(start.page).toContain('<label for="email">')
    expect(start.res.headers.getSetCookie().join()).toMatch(/parley_email_sign_in=.*HttpOnly/i)

    const sent = await p.askCode({ email: addr, name: 'Ada' })
    expect(sent.res.status).toBe(200)
    expect(sent.page).toContain('<label for="code">')
    // The mail has left when the page answers: the sink holds it already.
    const mail = sink.mails.at(-1)?.parsed
    expect(mail?.to).toMatchObject({ text: 'ada.lovelace@mail.example' })
    expect(mail?.subject).toBe('Your sign-in code for Demo blog')
    expect(headerValue(mail as never, 'Auto-Submitted')).toBe('auto-generated')
    expect(headerValue(mail as never, 'List-Unsubscribe')).toBeUndefined()
    expect(mail?.html).toContain('Enter this code')
    const code = /^ {4}(\d{6})$/m.exec(mail?.text ?? '')?.[1] ?? ''
    expect(code).toMatch(/^\d{6}$/)
    expect(mail?.html).toContain(`>${code}</p>`)

    const done = await p.verify(code)
    expect(done.res.status).toBe(200)
    const { message, target } = handoff(done.page)
    expect(target).toBe(ORIGIN)
    expect(message).toMatchObject({ type: 'parley:session', user: { name: 'Ada', provider: 'mail' } })
    expect(done.res.headers.getSetCookie().join()).toMatch(/parley_email_sign_in=;/)

    const post = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest(
        'POST',
        { page: PAGE, body: 'signed in by mail' },
        { Authorization: `Bearer ${message.token}` },
      ),
    )
    const { comment } = await bodyOf(post, 'postComment', 201)
    expect(comment.author).toMatchObject({ name: 'Ada', provider: 'email', verified: true })

    // The address is kept once, as the user's verified e-mail; no key, id or code carries it.
    const items = await tableItems(t)
    const holding = items.filter((i) => JSON.stringify(i).includes('ada.lovelace@mail.example'))
    expect(holding).toHaveLength(1)
    expect(holding[0]).toMatchObject({
      sk: 'USER',
      email: 'ada.lovelace@mail.example',
      providerType: 'email',
    })
    expect(JSON.stringify(holding[0]?.pk)).not.toContain('mail.example')
    expect(JSON.stringify(holding[0]?.subject)).not.toContain('mail.example')
    expect(JSON.stringify(items)).not.toContain(`"${code}"`)
    expect(await codeItem(t, 'ada.lovelace@mail.example')).toBeUndefined()
    // The session names the identity by that hash (what `moderators` lists), never by the address.
    const claims = JSON.parse(Buffer.from(String(message.token).split('.')[1] ?? '', 'base64url').toString())
    expect(claims.psub).toBe(holding[0]?.subject)
    expect(JSON.stringify(claims).toLowerCase()).not.toContain('mail.example')

    for (const page of [start.page, sent.page, done.page])
      expect(page.toLowerCase()).not.toContain('mail.example')
    expect(JSON.stringify(t.logs).toLowerCase()).not.toContain('mail.example')
    expect(JSON.stringify(t.logs)).not.toContain(code)
  })

  it('signs the same address in as the same user, with a code sent again from the code form', async () => {
    const addr = address()
    const first = await codeFor(t, sink, addr)
    const one = handoff((await first.p.verify(first.code)).page).message
    const again = await codeFor(t, sink, addr)
    const before = sink.mails.length
    expect((await again.p.askCode({ resend: '1' })).res.status).toBe(200)
    const resent = (await sink.until(before + 1)).at(-1)
    expect(resent?.to).toEqual([addr])
    const code = /^ {4}(\d{6})$/m.exec(resent?.parsed.text ?? '')?.[1] ?? ''
    // The code the form sent again replaced the earlier one.
    if (code !== again.code) expect((await again.p.verify(again.code)).res.status).toBe(401)
    const two = handoff((await again.p.verify(code)).page).message
    expect(two.user.id).toBe(one.user.id)
  })

  it('refuses the sixth try even with the right code after five wrong ones (401 invalid-token)', async () => {
    const { p, code } = await codeFor(t, sink, address())
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 1; i <= 5; i++) {
      const { res, page } = await p.verify(wrong)
      expect(res.status).toBe(401)
      expect(problemOfPage(page)).toBe('invalid-token')
      expect(page).toContain('<label for="code">')
    }
    const sixth = await p.verify(code)
    expect(sixth.res.status).toBe(401)
    expect(problemOfPage(sixth.page)).toBe('invalid-token')
    expect(sixth.page).toContain('too many wrong codes')
    expect(sixth.page).not.toContain('parley:session')
  })

  it('refuses a code ten minutes after it was sent', async () => {
    const { p, code } = await codeFor(t, sink, address())
    t.clock.advance(10 * 60_000)
    const late = await p.verify(code)
    expect(late.res.status).toBe(401)
    expect(problemOfPage(late.page)).toBe('invalid-token')
  })

  it('answers the fourth code for an address within the hour 429 rate-limited with Retry-After, mailing nothing', async () => {
    const addr = address()
    for (let i = 0; i < 3; i++) await codeFor(t, sink, addr)
    const p = popup(t)
    await p.start()
    const before = sink.mails.length
    const fourth = await p.askCode({ email: addr })
    expect(fourth.res.status).toBe(429)
    expect(problemOfPage(fourth.page)).toBe('rate-limited')
    expect(Number(fourth.res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Number(fourth.res.headers.get('retry-after'))).toBeLessThanOrEqual(3600)
    expect(sink.mails.length).toBe(before)
  })

  it('limits the codes one IP may ask for, whatever the addresses', async () => {
    const p = popup(t)
    await p.start()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await p.askCode({ email: address() })).res.status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200))
    expect(statuses[10]).toBe(429)
  })
})
