import { describe, expect, it } from 'vitest'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import {
  createTestApp,
  freshIp,
  jsonRequest,
  listComments,
  postAsGuest,
  type TestApp,
} from '../helpers/test-app.js'

const admin = (t: TestApp) => ({ Authorization: `Bearer ${t.adminKey}` })
const heldAs = async (t: TestApp, id: string) => {
  for (const status of ['published', 'pending', 'spam']) {
    const { comments } = await bodyOf(
      await t.app.request(`/v1/admin/sites/demo/comments?status=${status}`, { headers: admin(t) }),
      'queue',
      200,
    )
    const found = comments.find((c: { id: string }) => c.id === id)
    if (found) return { status: found.status, reasons: found.reasons }
  }
  return undefined
}
const post = async (t: TestApp, overrides: Record<string, unknown>) => {
  const { res, body } = await postAsGuest(t.app, overrides)
  expect(res.status).toBe(201)
  return { id: body.comment.id as string, answered: body.comment.status as string }
}

describe('spam defences', () => {
  it('publishes an ordinary comment with a link or two', async () => {
    const t = await createTestApp({
      site: { spam: { heuristics: true, blocklist: ['casino', '/cheap\\s+pills/i'] } },
    })
    const { id, answered } = await post(t, {
      body: 'Nice write-up, see also https://example.com and www.example.org',
    })
    expect(answered).toBe('published')
    expect(await heldAs(t, id)).toEqual({ status: 'published', reasons: [] })
  })

  it('holds a honeypot comment as spam, answering pending', async () => {
    const t = await createTestApp()
    const { id, answered } = await post(t, { hp: 'I am a bot' })
    expect(answered).toBe('pending')
    expect(await heldAs(t, id)).toEqual({ status: 'spam', reasons: ['honeypot'] })
  })

  it('holds a comment with more links than limits.maxLinks as pending', async () => {
    const t = await createTestApp()
    const body = 'https://a.example https://b.example [c](https://c.example) <https://d.example>'
    const { id } = await post(t, { body })
    expect(await heldAs(t, id)).toEqual({ status: 'pending', reasons: ['links'] })
  })

  it('holds blocklisted words (whole words, any case) and regexes as spam', async () => {
    const t = await createTestApp({
      site: { spam: { heuristics: true, blocklist: ['casino', '/cheap\\s+pills/i'] } },
    })
    expect(await heldAs(t, (await post(t, { body: 'Best CASINO bonus!' })).id)).toEqual({
      status: 'spam',
      reasons: ['blocklist'],
    })
    expect(await heldAs(t, (await post(t, { body: 'Buy cheap   PILLS now' })).id)).toEqual({
      status: 'spam',
      reasons: ['blocklist'],
    })
    expect((await heldAs(t, (await post(t, { body: 'Casinos of Monte Carlo, a history' })).id))?.status).toBe(
      'published',
    )
  })

  it('holds a form sent back less than 3 s after it was served, and not one sent later or without a token', async () => {
    const t = await createTestApp()
    const { body: list } = await listComments(t.app)
    const fast = await post(t, { body: 'typed by a script', formToken: list.formToken })
    expect(await heldAs(t, fast.id)).toEqual({ status: 'pending', reasons: ['speed'] })
    t.clock.advance(4000)
    expect((await post(t, { body: 'typed by a person', formToken: list.formToken })).answered).toBe(
      'published',
    )
    expect((await post(t, { body: 'sent by an API client' })).answered).toBe('published')
    const forged = await post(t, { body: 'forged token', formToken: `${list.formToken.slice(0, -2)}xx` })
    expect(await heldAs(t, forged.id)).toEqual({ status: 'pending', reasons: ['speed'] })
  })

  it('rejects the same body from the same IP, or the same e-mail, within 10 minutes as 409 duplicate', async () => {
    const t = await createTestApp()
    const ip = { 'x-test-client-ip': freshIp() }
    const send = (overrides: Record<string, unknown>, headers: Record<string, string>) =>
      t.app.request(
        '/v1/sites/demo/comments',
        jsonRequest(
          'POST',
          { page: 'https://blog.example/2026/hello-world', author: { name: 'Ada' }, ...overrides },
          headers,
        ),
      )
    expect((await send({ body: 'First!' }, ip)).status).toBe(201)
    const again = await send({ body: '  first! ' }, ip)
    expect(again.status).toBe(409)
    expect((await problemOf(again)).code).toBe('duplicate')
    const email = { author: { name: 'Bo', email: 'bo@example.com' } }
    expect((await send({ body: 'Same words', ...email }, { 'x-test-client-ip': freshIp() })).status).toBe(201)
    expect((await send({ body: 'Same words', ...email }, { 'x-test-client-ip': freshIp() })).status).toBe(409)
    t.clock.advance(11 * 60_000)
    expect((await send({ body: 'First!' }, ip)).status).toBe(201)
  })

  it('turns the link, blocklist, speed and duplicate checks off with spam.heuristics false, never the honeypot', async () => {
    const t = await createTestApp({ site: { spam: { heuristics: false, blocklist: ['casino'] } } })
    const { body: list } = await listComments(t.app)
    const ip = { 'x-test-client-ip': freshIp() }
    const links = 'casino https://a.example https://b.example https://c.example https://d.example'
    const first = await postAsGuest(t.app, { body: links, formToken: list.formToken }, ip)
    expect(first.body.comment.status).toBe('published')
    expect((await postAsGuest(t.app, { body: links }, ip)).res.status).toBe(201)
    expect((await post(t, { hp: 'x' })).answered).toBe('pending')
  })
})

describe('blocklist patterns that could backtrack catastrophically', () => {
  it('refuses them when the site is saved, so no comment can stall a request', async () => {
    const t = await createTestApp()
    const site = await bodyOf(
      await t.app.request('/v1/admin/sites/demo', { headers: admin(t) }),
      'getSite',
      200,
    )
    for (const pattern of [
      '/(a+)+$/',
      '/(x+x+)+y/',
      '/^(a|a)*$/',
      '/(\\w+\\s?)*$/',
      `/${'a'.repeat(201)}/`,
      '/(unclosed/',
    ]) {
      const res = await t.app.request(
        '/v1/admin/sites/demo',
        jsonRequest('PUT', { ...site, spam: { heuristics: true, blocklist: [pattern] } }, admin(t)),
      )
      expect(res.status, pattern).toBe(400)
      expect((await problemOf(res)).errors?.[0]?.pointer).toBe('#/spam/blocklist/0')
    }
    const started = performance.now()
    const { res } = await postAsGuest(t.app, { body: `${'a'.repeat(4900)}!` })
    expect(res.status).toBe(201)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
