import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyedHash } from '../../../shared/crypto/ip-hash.js'
import { signInCodeKey } from '../../../shared/db/item-keys.js'
import { createSmtpMailer } from '../../../shared/mail/smtp-mailer.js'
import { createSuppressionList } from '../../../shared/mail/suppression-list.js'
import { tableItems } from '../../helpers/table-items.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { type SmtpSink, startSmtpSink } from '../../notifications/smtp-sink.js'
import { codeFor, formPost, handoff, popup, problemOfPage, steps } from './email-popup.js'

let sink: SmtpSink
let mailer: ReturnType<typeof createSmtpMailer>
let t: TestApp
let n = 0
const address = () => `guess-${n++}@mail.example`
/** Addresses the sink refuses for good (550), as a real server refuses an unknown mailbox. */
const REFUSED = 'nobody@refused.example'

beforeAll(async () => {
  sink = await startSmtpSink((_, to) => (to.includes(REFUSED) ? 550 : 'accept'))
  mailer = createSmtpMailer(sink.url)
  t = await createTestApp({
    // One DynamoDB Local serves the whole suite: racing requests get the suite's concurrency deadline.
    storeDeadlineMs: 20_000,
    signInMail: { mailer, from: 'Parley <parley@blog.example>' },
    site: {
      providers: [
        { id: 'mail', type: 'email' },
        { id: 'other', type: 'email' },
        { id: 'corp', type: 'oidc', issuer: 'https://idp.example', clientId: 'corp' },
      ],
    },
  })
})
afterAll(async () => {
  mailer.close()
  await sink.close()
})

const codeItems = async () => (await tableItems(t)).filter((i) => String(i.pk).includes('#CODE#'))

describe('sign-in by e-mail under attack', () => {
  it('counts at most five of twenty racing wrong guesses, then refuses the right code', async () => {
    const addr = address()
    const { p, code } = await codeFor(t, sink, addr)
    const wrong = code === '000000' ? '111111' : '000000'
    const pages = await Promise.all(Array.from({ length: 20 }, () => p.verify(wrong)))
    expect(pages.map((x) => x.res.status)).toEqual(Array(20).fill(401))
    expect(pages.every((x) => problemOfPage(x.page) === 'invalid-token')).toBe(true)
    const item = (await codeItems()).find(
      (i) => i.pk === signInCodeKey('demo', 'mail', keyedHash(t.deps.keys, 'email', addr)).pk,
    )
    expect(item?.tries).toBe(5)
    const right = await p.verify(code)
    expect(right.res.status).toBe(401)
    expect(right.page).not.toContain('parley:session')
  })

  it('makes exactly one session of two racing right codes', async () => {
    const { p, code } = await codeFor(t, sink, address())
    const [a, b] = await Promise.all([p.verify(code), p.verify(code)])
    const statuses = [a?.res.status, b?.res.status].sort()
    expect(statuses).toEqual([200, 401])
    const sessions = [a, b].filter((x) => x?.res.status === 200).map((x) => handoff(x?.page ?? '').message)
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({ type: 'parley:session' })
  })

  it.each([
    ['not an address', { email: 'not-an-address' }],
    ['an oversized address', { email: `${'a'.repeat(250)}@mail.example` }],
    ['a header injection', { email: 'a@mail.example\r\nBcc: victim@mail.example' }],
    ['an empty address', { email: '' }],
    ['no address and no resend', { name: 'Ada' }],
    ['the address twice', 'email=a%40mail.example&email=b%40mail.example'],
    ['an oversized name', { email: 'ok@mail.example', name: 'x'.repeat(81) }],
  ])('answers %s 400 validation, keeping and mailing nothing', async (_, fields) => {
    const p = popup(t)
    await p.start()
    const before = { mails: sink.mails.length, codes: (await codeItems()).length }
    const { res, page } = await p.askCode(fields)
    expect(res.status).toBe(400)
    expect(problemOfPage(page)).toBe('validation')
    expect(page).toContain('<label for="email">')
    expect(page).toContain('role="alert"')
    expect((await codeItems()).length).toBe(before.codes)
    expect(sink.mails.length).toBe(before.mails)
    expect(JSON.stringify(t.logs)).not.toContain('mail.example')
  })

  it('answers a form body over 8 KiB 413 payload-too-large before reading it', async () => {
    const p = popup(t)
    await p.start()
    const before = sink.mails.length
    // The body limit answers before any route's own handling, as a problem (not the popup's page),
    // as the manifest documents.
    const res = await t.app.request(
      `${steps()}/code`,
      formPost(
        { email: 'big@mail.example', name: 'x'.repeat(9000) },
        { cookie: p.jar.header(), 'x-test-client-ip': p.ip },
      ),
    )
    expect(res.status).toBe(413)
    expect(((await res.json()) as { code: string }).code).toBe('payload-too-large')
    expect(sink.mails.length).toBe(before)
  })

  it.each([['12345'], ['1234567'], ['abcdef'], [''], ['12 456']])(
    'answers the code %j 400 validation without counting a try',
    async (bad) => {
      const addr = address()
      const { p, code } = await codeFor(t, sink, addr)
      const { res, page } = await p.verify(bad)
      expect(res.status).toBe(400)
      expect(problemOfPage(page)).toBe('validation')
      const item = (await codeItems()).find(
        (i) => i.pk === signInCodeKey('demo', 'mail', keyedHash(t.deps.keys, 'email', addr)).pk,
      )
      expect(item?.tries).toBe(0)
      expect((await p.verify(code)).res.status).toBe(200)
    },
  )

  it('refuses both steps without the flow cookie, or with a changed or another provider’s one (401 invalid-token)', async () => {
    const victim = await codeFor(t, sink, address())
    const cookie = victim.p.jar.header()
    const changed = cookie.replace(/=(.)/, (_, c: string) => `=${c === 'v' ? 'w' : 'v'}`)
    const other = popup(t, 'other')
    await other.start()
    const before = sink.mails.length
    const attempts = [
      { headers: {} },
      { headers: { cookie: changed } },
      // The flow cookie of provider `other` presented to `mail`'s steps.
      { headers: { cookie: other.jar.header() } },
    ]
    for (const { headers } of attempts) {
      for (const [step, fields] of [
        ['code', { email: 'victim@mail.example' }],
        ['verify', { code: victim.code }],
      ] as const) {
        const res = await t.app.request(`${steps()}/${step}`, formPost(fields, headers))
        expect(res.status).toBe(401)
        const page = await res.text()
        expect(page).toContain('Sign-in failed')
        expect(problemOfPage(page)).toBe('invalid-token')
        expect(page).not.toContain('parley:session')
      }
    }
    expect(sink.mails.length).toBe(before)
    // The reader's own flow still holds.
    expect((await victim.p.verify(victim.code)).res.status).toBe(200)
  })

  it('answers 503 when the mail server refuses the address, keeps no code, and logs no address', async () => {
    const p = popup(t)
    await p.start()
    const before = (await codeItems()).length
    const { res, page } = await p.askCode({ email: REFUSED })
    expect(res.status).toBe(503)
    expect(problemOfPage(page)).toBe('unavailable')
    expect((await codeItems()).length).toBe(before)
    expect(t.logs.some((l) => JSON.stringify(l).includes('sign-in code not mailed'))).toBe(true)
    expect(JSON.stringify(t.logs)).not.toContain('refused.example')
  })

  it('mails nothing to a suppressed address, and answers as if it had', async () => {
    const addr = address()
    await createSuppressionList(t.deps.store).suppress(
      keyedHash(t.deps.keys, 'email', addr),
      'bounce',
      t.clock(),
    )
    const p = popup(t)
    await p.start()
    const before = sink.mails.length
    const { res, page } = await p.askCode({ email: addr })
    expect(res.status).toBe(200)
    expect(page).toContain('<label for="code">')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sink.mails.length).toBe(before)
    expect(JSON.stringify(t.logs)).not.toContain(addr)
  })

  it('answers a step for a provider that is not an e-mail one with the failure page (400 validation)', async () => {
    const p = popup(t)
    await p.start()
    for (const providerId of ['nope', 'corp']) {
      const res = await t.app.request(
        `${steps(providerId)}/code`,
        formPost({ email: 'a@mail.example' }, { cookie: p.jar.header(), 'x-test-client-ip': p.ip }),
      )
      expect(res.status).toBe(400)
      const page = await res.text()
      expect(page).toContain('Sign-in failed')
      expect(problemOfPage(page)).toBe('validation')
    }
  })

  it('refuses an opener origin that is not the site’s', async () => {
    const { res } = await popup(t).start('https://evil.example')
    expect(res.status).toBe(403)
  })
})

describe('sign-in by e-mail on a deployment that sends no mail', () => {
  it('says on the start page that sign-in by e-mail is unavailable (400 validation)', async () => {
    const bare = await createTestApp({ site: { providers: [{ id: 'mail', type: 'email' }] } })
    const start = await popup(bare).start()
    // The start route answers problems as problems (its other providers redirect): a 400 that says why.
    expect(start.res.status).toBe(400)
    expect(JSON.parse(start.page)).toMatchObject({
      code: 'validation',
      detail: expect.stringContaining('sign-in by e-mail is unavailable'),
    })
    const res = await bare.app.request(`${steps()}/code`, formPost({ email: 'a@mail.example' }, {}))
    expect(res.status).toBe(401)
    expect((await tableItems(bare)).filter((i) => String(i.pk).includes('#CODE#'))).toEqual([])
  })
})
