import { serializeOuter as serialize } from 'parse5'
import { describe, expect, it } from 'vitest'
import {
  attr,
  elementsOf,
  fetchFragment,
  fragmentIds,
  fragmentViolations,
  ldJsonOf,
} from '../helpers/html-fragment.js'
import { HOSTILE, violations } from '../helpers/html-safety.js'
import { problemOf } from '../helpers/route-contract.js'
import { createTestApp, listComments, ORIGIN, PAGE, postAsGuest, type TestApp } from '../helpers/test-app.js'

const rootOf = (html: string) => {
  const root = elementsOf(html)[0]
  if (!root) throw new Error('empty fragment')
  return root
}

/** Posts threads and replies a minute apart, so every sort has an order to check. */
async function thread(t: TestApp) {
  const ids: string[] = []
  for (let i = 0; i < 4; i++) {
    t.clock.advance(60_000)
    const { body } = await postAsGuest(t.app, { body: `top ${i}` })
    ids.push(body.comment.id)
    t.clock.advance(60_000)
    const { body: reply } = await postAsGuest(t.app, { body: `reply ${i}`, parentId: body.comment.id })
    ids.push(reply.comment.id)
  }
  return ids
}

describe('GET /v1/sites/:siteId/comments.html', () => {
  it('answers the published comments as html with replies nested in their parent', async () => {
    const { app } = await createTestApp()
    const { body: first } = await postAsGuest(app, { body: 'First **one**' })
    const { body: reply } = await postAsGuest(app, { body: 'A reply', parentId: first.comment.id })
    const res = await fetchFragment(app)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await res.text()
    expect(fragmentIds(html)).toEqual([first.comment.id, reply.comment.id])
    const root = rootOf(html)
    expect([attr(root, 'data-parley-ssr'), attr(root, 'data-count'), attr(root, 'data-page')]).toEqual([
      '1',
      '2',
      PAGE,
    ])
    expect(attr(root, 'data-cursor')).toBeUndefined()
    const parentLi = elementsOf(html).find((el) => attr(el, 'data-id') === first.comment.id)
    expect(parentLi && fragmentIds(serialize(parentLi))).toEqual([first.comment.id, reply.comment.id])
    const { scripts, data } = ldJsonOf(html)
    expect(scripts).toHaveLength(1)
    expect(data).toMatchObject({
      '@type': 'WebPage',
      url: PAGE,
      commentCount: 2,
      comment: [{ '@id': `${PAGE}#c-${first.comment.id}`, comment: [{ text: 'A reply' }] }],
    })
  })

  it('agrees with the JSON list for every sort, with a limit and through a cursor', async () => {
    const t = await createTestApp()
    await thread(t)
    for (const sort of ['oldest', 'newest', 'top']) {
      let query = `page=${encodeURIComponent(PAGE)}&sort=${sort}&limit=3`
      for (let pageNo = 0; pageNo < 4; pageNo++) {
        const { body: list } = await listComments(t.app, query)
        const html = await (await fetchFragment(t.app, query)).text()
        const root = rootOf(html)
        expect([sort, pageNo, fragmentIds(html)]).toEqual([sort, pageNo, list.comments.map((c) => c.id)])
        expect([attr(root, 'data-count'), attr(root, 'data-sort')]).toEqual([
          String(list.page.commentCount),
          sort,
        ])
        expect(ldJsonOf(html).data).toMatchObject({ commentCount: list.page.commentCount })
        if (list.nextCursor === null) {
          expect(attr(root, 'data-cursor')).toBeUndefined()
          break
        }
        // The fragment's cursor is one the JSON list continues from.
        const cursor = attr(root, 'data-cursor') ?? ''
        expect(cursor).not.toBe('')
        query = `page=${encodeURIComponent(PAGE)}&sort=${sort}&limit=3&cursor=${encodeURIComponent(cursor)}`
      }
    }
  })

  it('keeps hostile comments inert: one ld+json script, no handler, no javascript: URL', async () => {
    const t = await createTestApp()
    for (const [i, source] of HOSTILE.entries()) {
      t.clock.advance(1000)
      const { res } = await postAsGuest(t.app, {
        body: `${i} ${source}`,
        author: { name: source.slice(0, 80), website: 'https://ok.example/?q=<script>' },
      })
      expect(res.status).toBe(201)
    }
    const res = await fetchFragment(t.app, `page=${encodeURIComponent(PAGE)}&limit=200`)
    const html = await res.text()
    expect(fragmentViolations(html, violations)).toEqual([])
    expect(fragmentIds(html)).toHaveLength(HOSTILE.length)
    expect(ldJsonOf(html).data).toMatchObject({ commentCount: HOSTILE.length })
  })

  it('shows no e-mail, IP hash, edit or form token', async () => {
    const { app } = await createTestApp()
    const { body } = await postAsGuest(app, { author: { name: 'Ada', email: 'ada@private.example' } })
    const html = await (await fetchFragment(app)).text()
    const { body: list } = await listComments(app)
    for (const secret of [
      'ada@private.example',
      body.editToken ?? 'no-token',
      list.formToken,
      'ipHash',
      '192.0.2.1',
    ])
      expect([secret, html.includes(secret)]).toEqual([secret, false])
  })

  it('caches and answers CORS exactly as the list does', async () => {
    const { app } = await createTestApp()
    await postAsGuest(app)
    for (const init of [{ headers: { Origin: ORIGIN } }, {}]) {
      const html = await fetchFragment(app, undefined, init)
      const list = await app.request(`/v1/sites/demo/comments?page=${encodeURIComponent(PAGE)}`, init)
      for (const name of ['cache-control', 'access-control-allow-origin', 'vary', 'etag'])
        expect([name, html.headers.get(name)]).toEqual([name, list.headers.get(name)])
    }
    const preflight = (path: string) =>
      app.request(path, {
        method: 'OPTIONS',
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' },
      })
    const a = await preflight(`/v1/sites/demo/comments.html?page=${encodeURIComponent(PAGE)}`)
    const b = await preflight(`/v1/sites/demo/comments?page=${encodeURIComponent(PAGE)}`)
    expect([a.status, a.headers.get('access-control-allow-origin')]).toEqual([
      b.status,
      b.headers.get('access-control-allow-origin'),
    ])
  })

  it('answers like the list for an unknown site, a foreign page, a bad query and a foreign origin', async () => {
    const { app } = await createTestApp()
    const q = (page: string, extra = '') => `?page=${encodeURIComponent(page)}${extra}`
    const cases: [string, string, RequestInit | undefined, number, string][] = [
      ['nope', q(PAGE), undefined, 404, 'site-not-found'],
      ['demo', q('https://evil.example/x'), undefined, 403, 'page-not-on-site'],
      ['demo', q(PAGE, '&limit=201'), undefined, 400, 'validation'],
      ['demo', q(PAGE, '&sort=random'), undefined, 400, 'validation'],
      ['demo', q(PAGE, '&cursor=forged'), undefined, 400, 'validation'],
      ['demo', '', undefined, 400, 'validation'],
      ['demo', q(PAGE), { headers: { Origin: 'https://evil.example' } }, 403, 'origin-not-allowed'],
    ]
    for (const [site, query, init, status, code] of cases) {
      const html = await problemOf(await app.request(`/v1/sites/${site}/comments.html${query}`, init), status)
      const list = await problemOf(await app.request(`/v1/sites/${site}/comments${query}`, init), status)
      expect([query, html.code, html.errors]).toEqual([query, code, list.errors])
      expect(list.code).toBe(code)
    }
  })

  it('answers an unknown page as an empty list, count 0', async () => {
    const { app } = await createTestApp()
    const res = await fetchFragment(app, `page=${encodeURIComponent(`${PAGE}/unknown`)}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(fragmentIds(html)).toEqual([])
    expect(attr(rootOf(html), 'data-count')).toBe('0')
    const note = elementsOf(html).find((el) => attr(el, 'class') === 'note')
    expect(note && attr(note, 'hidden')).toBeUndefined()
  })
})
