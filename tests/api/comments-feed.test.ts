import { parseFeed } from '@rowanmanning/feed-parser'
import { describe, expect, it } from 'vitest'
import { atomChildren, atomViolations, parseXml } from '../helpers/atom-rules.js'
import { HOSTILE, violations } from '../helpers/html-safety.js'
import { problemOf } from '../helpers/route-contract.js'
import { createTestApp, jsonRequest, ORIGIN, PAGE, postAsGuest, type TestApp } from '../helpers/test-app.js'

const OTHER = `${ORIGIN}/2026/another-post`
const feedOf = (app: TestApp['app'], page?: string, init?: RequestInit) =>
  app.request(
    `/v1/sites/demo/feed.atom${page === undefined ? '' : `?page=${encodeURIComponent(page)}`}`,
    init,
  )

async function readFeed(app: TestApp['app'], page?: string) {
  const res = await feedOf(app, page)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
  const xml = await res.text()
  expect(atomViolations(xml)).toEqual([])
  return { res, xml, feed: parseFeed(xml), root: parseXml(xml) }
}

/** Posts `n` comments on `page`, a minute apart, so their order is their time. */
async function postMany(t: TestApp, n: number, page = PAGE) {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    t.clock.advance(60_000)
    const { body } = await postAsGuest(t.app, { page, body: `comment number ${i}` })
    ids.push(body.comment.id)
  }
  return ids
}

describe('GET /v1/sites/:siteId/feed.atom', () => {
  it("answers a page's comments newest first as valid Atom with permalink ids", async () => {
    const t = await createTestApp()
    const ids = await postMany(t, 3)
    t.clock.advance(60_000)
    const { body: reply } = await postAsGuest(t.app, { body: 'a late reply to the first', parentId: ids[0] })
    await postMany(t, 1, OTHER)
    const { feed, root } = await readFeed(t.app, PAGE)
    const expected = [reply.comment.id, ...[...ids].reverse()]
    expect(feed.items.map((item) => item.id)).toEqual(expected.map((id) => `${PAGE}#c-${id}`))
    expect(feed.items.map((item) => item.url)).toEqual(expected.map((id) => `${PAGE}#c-${id}`))
    expect(feed.items[0]?.authors.map((a) => a.name)).toEqual(['Ada'])
    expect(feed.items[0]?.content).toBe('<p>a late reply to the first</p>')
    expect(feed.url).toBe(PAGE)
    const self = atomChildren(root, 'link').find((l) => l.attrs.rel === 'self')
    expect(self?.attrs.href).toBe(`http://localhost/v1/sites/demo/feed.atom?page=${encodeURIComponent(PAGE)}`)
    // The feed was last updated when its newest entry was.
    expect(feed.updated?.toISOString()).toBe(feed.items[0]?.updated?.toISOString())
  })

  it("answers the site's newest comments across its pages", async () => {
    const t = await createTestApp()
    const [a] = await postMany(t, 1, PAGE)
    const [b] = await postMany(t, 1, OTHER)
    const { feed } = await readFeed(t.app)
    expect(feed.items.map((item) => item.id)).toEqual([`${OTHER}#c-${b}`, `${PAGE}#c-${a}`])
    expect(feed.url).toBe(`${ORIGIN}/`)
  })

  it('holds at most 50 entries, the newest', async () => {
    const t = await createTestApp()
    const ids = await postMany(t, 53)
    for (const page of [PAGE, undefined]) {
      const { feed } = await readFeed(t.app, page)
      expect(feed.items).toHaveLength(50)
      expect(feed.items.map((item) => item.id)).toEqual(
        ids
          .slice(3)
          .reverse()
          .map((id) => `${PAGE}#c-${id}`),
      )
    }
  }, 60_000)

  it('keeps entry ids across fetches and an edit, and moves updated with the edit', async () => {
    const t = await createTestApp()
    const { body: posted } = await postAsGuest(t.app, { body: 'first words' })
    const before = await readFeed(t.app, PAGE)
    const again = await readFeed(t.app, PAGE)
    expect(again.xml).toBe(before.xml)
    t.clock.advance(120_000)
    const res = await t.app.request(
      `/v1/sites/demo/comments/${posted.comment.id}`,
      jsonRequest('PATCH', { body: 'second words' }, { 'X-Edit-Token': posted.editToken ?? '' }),
    )
    expect(res.status).toBe(200)
    const after = await readFeed(t.app, PAGE)
    expect(after.feed.items.map((i) => i.id)).toEqual(before.feed.items.map((i) => i.id))
    expect(after.feed.items[0]?.updated?.toISOString()).toBe(new Date(t.clock()).toISOString())
    expect(after.feed.items[0]?.published?.toISOString()).toBe(posted.comment.createdAt)
    expect(after.feed.items[0]?.content).toBe('<p>second words</p>')
    expect(after.feed.updated?.toISOString()).toBe(new Date(t.clock()).toISOString())
  })

  it('keeps hostile comments and names escaped: well-formed, safe content, no raw markup', async () => {
    const t = await createTestApp()
    const hostile = [...HOSTILE, 'a\u0001b\u0008c\u000bd\uFFFEe', 'x]]>y]]><script>alert(1)</script>']
    for (const [i, source] of hostile.entries()) {
      t.clock.advance(1000)
      const { res } = await postAsGuest(t.app, {
        body: `${i} ${source}`,
        author: { name: `n${i} ]]></name><script>x</script>\u0002` },
      })
      expect(res.status).toBe(201)
    }
    for (const page of [PAGE, undefined]) {
      const { feed, root } = await readFeed(t.app, page)
      expect(feed.items).toHaveLength(50)
      for (const entry of atomChildren(root, 'entry')) {
        const content = atomChildren(entry, 'content')[0]
        expect(content?.attrs.type).toBe('html')
        expect(violations(content?.text ?? '')).toEqual([])
        // A type="html" title is markup: the name's tags arrive as text, never as elements.
        const title = atomChildren(entry, 'title')[0]?.text ?? ''
        expect(title).not.toMatch(/<|>/)
        expect(atomChildren(atomChildren(entry, 'author')[0] ?? entry, 'name')[0]?.text).toMatch(
          /^n\d+ \]\]><\/name><script>x<\/script>$/,
        )
      }
    }
  }, 60_000)

  it('answers an empty feed for a page without comments, with a stable updated', async () => {
    const { app } = await createTestApp()
    const { feed, xml } = await readFeed(app, `${PAGE}/nothing-here`)
    expect(feed.items).toEqual([])
    expect(feed.updated?.toISOString()).toBe('1970-01-01T00:00:00.000Z')
    expect((await readFeed(app, `${PAGE}/nothing-here`)).xml).toBe(xml)
  })

  it('caches and answers CORS as the list does', async () => {
    const { app } = await createTestApp()
    await postAsGuest(app)
    const init = { headers: { Origin: ORIGIN } }
    const feed = await feedOf(app, PAGE, init)
    const list = await app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(PAGE)}`, init)
    for (const name of ['cache-control', 'access-control-allow-origin', 'vary'])
      expect([name, feed.headers.get(name)]).toEqual([name, list.headers.get(name)])
    expect(feed.headers.get('cache-control')).toMatch(/^public, /)
  })

  it('answers like the list for an unknown site, a page of another site, a bad URL and a foreign origin', async () => {
    const { app } = await createTestApp()
    const q = (page: string) => `?page=${encodeURIComponent(page)}`
    const cases: [string, string, RequestInit | undefined, number, string][] = [
      ['nope', q(PAGE), undefined, 404, 'site-not-found'],
      ['demo', q('https://evil.example/x'), undefined, 403, 'page-not-on-site'],
      ['demo', q('not-a-url'), undefined, 400, 'validation'],
      ['demo', q(PAGE), { headers: { Origin: 'https://evil.example' } }, 403, 'origin-not-allowed'],
    ]
    for (const [site, query, init, status, code] of cases) {
      const feed = await problemOf(await app.request(`/v1/sites/${site}/feed.atom${query}`, init), status)
      const list = await problemOf(await app.request(`/v1/sites/${site}/comments${query}`, init), status)
      expect([query, feed.code]).toEqual([query, code])
      expect([query, list.code]).toEqual([query, code])
    }
    const siteFeed = await problemOf(await app.request('/v1/sites/nope/feed.atom'), 404)
    expect(siteFeed.code).toBe('site-not-found')
  })
})

describe('atomViolations (self-check of the rules)', () => {
  it('flags a feed that breaks RFC 4287', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><id>relative</id><title>t</title>
      <updated>2026-01-01 10:00</updated>
      <entry><id>tag:a,2026:1</id><title>x</title><updated>2026-01-01T10:00:00Z</updated></entry>
      <entry><id>tag:a,2026:1</id><updated>2026-01-01T10:00:00Z</updated><link href="https://a.example/"/><link rel="alternate" href="https://a.example/2"/><author/></entry></feed>`
    expect(atomViolations(xml)).toEqual([
      'feed id "relative" is not an absolute IRI',
      'feed updated "2026-01-01 10:00" is not RFC 3339',
      'feed has no rel=self link',
      'entry 0 has 0 alternate links',
      'entry 0 has no author',
      'entry 1 has 0 title',
      'entry 1 repeats id tag:a,2026:1',
      'entry 1 has 2 alternate links',
      'entry 1 has an author without one name',
    ])
    expect(() => parseXml('<feed><entry></feed>')).toThrow()
  })
})
