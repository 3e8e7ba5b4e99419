import { beforeEach, describe, expect, it } from 'vitest'
import { keyedHash } from '../../shared/crypto/ip-hash.js'
import { createMailPreferences } from '../../shared/mail/mail-preferences.js'
import { type MailToken, signMailToken } from '../../shared/mail/mail-token.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, jsonRequest, listComments, postAsGuest, type TestApp } from '../helpers/test-app.js'

const MODERATOR = 'mod@blog.example'
const READER = 'ada@example.com'
let t: TestApp

beforeEach(async () => {
  t = await createTestApp({
    site: { moderation: 'pre', language: 'de', notifications: { moderatorEmails: [MODERATOR] } },
  })
})

const hash = (address: string) => keyedHash(t.deps.keys, 'email', address)
const sign = (token: MailToken) => signMailToken(t.deps.keys, token, t.clock())
const url = async (token: MailToken) =>
  `/v1/mail/${token.purpose}?token=${encodeURIComponent(await sign(token))}`
const form = (body = '', type = 'application/x-www-form-urlencoded'): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': type },
  body,
})
const confirmToken = (): MailToken => ({ purpose: 'confirm', siteId: 'demo', emailHash: hash(READER) })
const unsubscribeToken = (kind: 'replies' | 'moderation' = 'replies'): MailToken => ({
  purpose: 'unsubscribe',
  siteId: 'demo',
  person: { emailHash: hash(READER) },
  kind,
})
const moderateToken = (commentId: string, action: 'approve' | 'reject' | 'spam' = 'approve'): MailToken => ({
  purpose: 'moderate',
  siteId: 'demo',
  commentId,
  action,
  emailHash: hash(MODERATOR),
})
const pending = async (body = 'Held for review') => (await postAsGuest(t.app, { body })).body.comment.id
const preferences = () => createMailPreferences(t.deps.store).get('demo', { emailHash: hash(READER) })
const everything = async () => JSON.stringify(await tableItems(t))
const audit = async () =>
  bodyOf(
    await t.app.request('/v1/admin/sites/demo/audit', { headers: { Authorization: `Bearer ${t.adminKey}` } }),
    'audit',
    200,
  )

describe('GET of a mail link', () => {
  it('shows a page in the site language with one button posting back, and changes nothing', async () => {
    const id = await pending()
    const before = await everything()
    for (const link of [
      await url(confirmToken()),
      await url(unsubscribeToken()),
      await url(moderateToken(id)),
    ]) {
      // A mail scanner follows the link, twice.
      for (let i = 0; i < 2; i++) {
        const res = await t.app.request(link)
        expect(res.status, link).toBe(200)
        const page = await res.text()
        expect(page).toContain('<html lang="de">')
        expect(page.match(/<form method="post">/g), link).toHaveLength(1)
        expect(page.match(/<button/g), link).toHaveLength(1)
        expect(page).not.toMatch(/<script|action=/)
        const csp = res.headers.get('content-security-policy') ?? ''
        expect(csp).toContain("default-src 'none'")
        expect(csp).toContain("form-action 'self'")
        expect(res.headers.get('cache-control')).toBe('no-store')
        // The page's URL holds the token: no link on it may pass that on.
        expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      }
    }
    expect(await everything()).toBe(before)
    expect((await listComments(t.app)).body.comments).toEqual([])
  })

  it('shows the comment to moderate with its author escaped', async () => {
    const { body } = await postAsGuest(t.app, { author: { name: '<b>Eve</b>' }, body: 'Buy <i>now</i>' })
    const page = await (await t.app.request(await url(moderateToken(body.comment.id, 'spam')))).text()
    expect(page).toContain('&lt;b&gt;Eve&lt;/b&gt;')
    expect(page).toContain('Buy &lt;i&gt;now&lt;/i&gt;')
    expect(page).toContain('>Spam</button>')
  })
})

describe('POST of a mail link', () => {
  it('confirms the address; again, or ten at once, leaves it confirmed once', async () => {
    const link = await url(confirmToken())
    const res = await t.app.request(link, form())
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Erledigt')
    const { confirmedAt } = await preferences()
    expect(confirmedAt).toBe(t.clock())
    t.clock.advance(1000)
    const again = await Promise.all(Array.from({ length: 10 }, () => t.app.request(link, form())))
    expect(again.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect((await preferences()).confirmedAt).toBe(confirmedAt)
  })

  it('unsubscribes with the RFC 8058 one-click body, urlencoded or multipart, answering 200', async () => {
    const res = await t.app.request(await url(unsubscribeToken()), form('List-Unsubscribe=One-Click'))
    expect(res.status).toBe(200)
    expect((await preferences()).stopped).toEqual({ replies: t.clock(), moderation: null })
    const multipart = new FormData()
    multipart.set('List-Unsubscribe', 'One-Click')
    const moderation = await t.app.request(await url(unsubscribeToken('moderation')), {
      method: 'POST',
      body: multipart,
    })
    expect(moderation.status).toBe(200)
    expect((await preferences()).stopped).toEqual({ replies: t.clock(), moderation: t.clock() })
  })

  it('unsubscribes with the one-click body whatever its Content-Type, or none, answering 200', async () => {
    const plain = await t.app.request(await url(unsubscribeToken()), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    })
    expect(plain.status).toBe(200)
    expect((await preferences()).stopped.replies).toBe(t.clock())
    const untyped = new Request(`http://localhost${await url(unsubscribeToken('moderation'))}`, {
      method: 'POST',
      body: new TextEncoder().encode('List-Unsubscribe=One-Click'),
    })
    expect(untyped.headers.get('content-type')).toBeNull()
    expect((await t.app.request(untyped)).status).toBe(200)
    expect((await preferences()).stopped.moderation).toBe(t.clock())
  })

  it('approves the comment, audited as by the moderator’s address; ten concurrent clicks count it once', async () => {
    const id = await pending()
    const link = await url(moderateToken(id))
    const results = await Promise.all(Array.from({ length: 10 }, () => t.app.request(link, form())))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    const { body } = await listComments(t.app)
    expect(body.page.commentCount).toBe(1)
    expect(body.comments.map((c) => c.id)).toEqual([id])
    const entries = (await audit()).entries.filter((e) => e.target === id)
    expect(entries).toEqual([
      expect.objectContaining({ actor: `moderator:email:${MODERATOR}`, action: 'approve', target: id }),
    ])
  })

  it('rejects or marks as spam with the link of that action', async () => {
    const [a, b] = [await pending('first'), await pending('second')]
    expect((await t.app.request(await url(moderateToken(a ?? '', 'reject')), form())).status).toBe(200)
    expect((await t.app.request(await url(moderateToken(b ?? '', 'spam')), form())).status).toBe(200)
    const statuses = await Promise.all([a, b].map((id) => t.deps.comments.get('demo', id ?? '')))
    expect(statuses.map((c) => c?.status)).toEqual(['rejected', 'spam'])
  })

  it('is 403 forbidden once the address no longer moderates the site, and changes nothing', async () => {
    const id = await pending()
    const link = await url(moderateToken(id))
    const site = await t.deps.sites.get('demo')
    await t.deps.sites.replace('demo', {
      ...site,
      notifications: { ...site.notifications, moderatorEmails: [] },
    })
    const before = await everything()
    for (const init of [undefined, form()]) {
      const res = await t.app.request(link, init)
      expect((await problemOf(res, 403)).code).toBe('forbidden')
    }
    expect(await everything()).toBe(before)
  })

  it('is 409 parent-not-published when approving a reply whose parent was taken down', async () => {
    const parent = await pending('parent')
    await t.app.request(await url(moderateToken(parent)), form())
    const reply = (await postAsGuest(t.app, { parentId: parent, body: 'reply' })).body.comment.id
    await t.app.request(await url(moderateToken(parent, 'reject')), form())
    const res = await t.app.request(await url(moderateToken(reply)), form())
    expect((await problemOf(res, 409)).code).toBe('parent-not-published')
    expect((await t.deps.comments.get('demo', reply))?.status).toBe('pending')
  })

  it('is 404 comment-not-found for a comment that is gone', async () => {
    const res = await t.app.request(await url(moderateToken('0000000000zzzzzzz')), form())
    expect((await problemOf(res, 404)).code).toBe('comment-not-found')
  })
})

describe('a bad mail link', () => {
  it('is 401 invalid-token when tampered, expired or of another purpose, on GET and POST, changing nothing', async () => {
    const id = await pending()
    const expired = await url(confirmToken())
    const valid = await sign(moderateToken(id))
    const tampered = `${valid.slice(0, -3)}${valid.endsWith('A') ? 'B' : 'A'}xx`
    const before = await everything()
    t.clock.advance(7 * 24 * 3600 * 1000 + 1000)
    const links = [
      expired,
      `/v1/mail/moderate?token=${tampered}`,
      `/v1/mail/confirm?token=${encodeURIComponent(await sign(moderateToken(id)))}`,
      `/v1/mail/unsubscribe?token=${encodeURIComponent(await sign(confirmToken()))}`,
      '/v1/mail/moderate?token=not.a.token',
    ]
    for (const link of links)
      for (const init of [undefined, form('List-Unsubscribe=One-Click')]) {
        const res = await t.app.request(link, init)
        expect({ link, code: (await problemOf(res, 401)).code }).toEqual({ link, code: 'invalid-token' })
      }
    expect(await everything()).toBe(before)
  })

  it('is 400 validation without a token, or with one past any token’s size', async () => {
    for (const link of ['/v1/mail/confirm', `/v1/mail/confirm?token=${'a'.repeat(3000)}`]) {
      const res = await t.app.request(link, form())
      expect((await problemOf(res, 400)).code).toBe('validation')
    }
  })

  it('refuses a body that is not a small form of known fields, changing nothing', async () => {
    const link = await url(unsubscribeToken())
    const before = await everything()
    const cases: [RequestInit, number, string][] = [
      [jsonRequest('POST', { 'List-Unsubscribe': 'One-Click' }), 415, 'unsupported-media-type'],
      [{ method: 'POST', body: 'List-Unsubscribe=Everything' }, 415, 'unsupported-media-type'],
      [
        { method: 'POST', headers: { 'Content-Type': 'text/html' }, body: '<p>' },
        415,
        'unsupported-media-type',
      ],
      [form(`List-Unsubscribe=One-Click&pad=${'x'.repeat(9000)}`), 413, 'payload-too-large'],
      [form('List-Unsubscribe=Everything'), 400, 'validation'],
      [form('List-Unsubscribe=One-Click&List-Unsubscribe=One-Click'), 400, 'validation'],
      [form('--nope\r\nbroken', 'multipart/form-data; boundary=b'), 400, 'validation'],
    ]
    for (const [init, status, code] of cases) {
      const res = await t.app.request(link, init)
      expect({ status: res.status, code: (await problemOf(res)).code }).toEqual({ status, code })
    }
    expect(await everything()).toBe(before)
  })
})
