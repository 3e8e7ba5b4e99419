import { describe, expect, it } from 'vitest'
import { problemOf } from '../helpers/route-contract.js'
import { createTestApp, listComments, PAGE, postAsGuest, type TestApp } from '../helpers/test-app.js'

const q = (extra: string) => `page=${encodeURIComponent(PAGE)}&${extra}`

async function post(t: TestApp, body: string, parentId?: string) {
  t.clock.advance(1000)
  const { res, body: json } = await postAsGuest(t.app, { body, ...(parentId && { parentId }) })
  expect(res.status).toBe(201)
  return json.comment as { id: string; parentId: string | null; depth: number }
}

const texts = (comments: { html: string }[]) => comments.map((c) => c.html.replace(/<\/?p>/g, ''))

describe('thread order', () => {
  it('lists parents before replies, replies oldest first, threads in either order', async () => {
    const t = await createTestApp()
    const a = await post(t, 'A')
    const b = await post(t, 'B')
    await post(t, 'A1', a.id)
    const b1 = await post(t, 'B1', b.id)
    await post(t, 'A2', a.id)
    await post(t, 'B1a', b1.id)
    expect(texts((await listComments(t.app)).body.comments)).toEqual(['A', 'A1', 'A2', 'B', 'B1', 'B1a'])
    expect(texts((await listComments(t.app, q('sort=newest'))).body.comments)).toEqual([
      'B',
      'B1',
      'B1a',
      'A',
      'A1',
      'A2',
    ])
  })

  it('pages through a thread with cursors without losing or repeating a comment', async () => {
    const t = await createTestApp({ site: { limits: { commentsPerMinutePerIp: 100 } } })
    const a = await post(t, 'A')
    await post(t, 'B')
    for (const n of [1, 2, 3]) await post(t, `A${n}`, a.id)
    await post(t, 'C')
    for (const sort of ['oldest', 'newest']) {
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const { body } = await listComments(
          t.app,
          q(`sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        )
        expect(body.page.commentCount).toBe(6)
        seen.push(...texts(body.comments))
        cursor = body.nextCursor
        pages++
      } while (cursor)
      expect(pages).toBe(3)
      expect(seen).toEqual(
        sort === 'oldest' ? ['A', 'A1', 'A2', 'A3', 'B', 'C'] : ['C', 'B', 'A', 'A1', 'A2', 'A3'],
      )
    }
  })

  it('returns 400 validation for a tampered cursor or one of another sort', async () => {
    const t = await createTestApp()
    for (const n of [1, 2, 3]) await post(t, `c${n}`)
    const { body } = await listComments(t.app, q('limit=1'))
    const cursor = body.nextCursor ?? ''
    expect(cursor).not.toBe('')
    const tampered = `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`
    for (const extra of [
      `cursor=${encodeURIComponent(tampered)}`,
      `sort=newest&cursor=${encodeURIComponent(cursor)}`,
    ]) {
      const { res, problem } = await listComments(t.app, q(extra))
      expect(res.status).toBe(400)
      expect(problem.errors?.[0]?.pointer).toBe('#/cursor')
    }
  })

  it('attaches a reply deeper than maxDepth to its ancestor at the deepest allowed level', async () => {
    const t = await createTestApp({ site: { limits: { maxDepth: 2 } } })
    const root = await post(t, 'root')
    const d1 = await post(t, 'd1', root.id)
    const d2 = await post(t, 'd2', d1.id)
    const d3 = await post(t, 'd3', d2.id)
    expect(d2.depth).toBe(2)
    expect(d3).toMatchObject({ depth: 2, parentId: d1.id })
    expect(texts((await listComments(t.app)).body.comments)).toEqual(['root', 'd1', 'd2', 'd3'])
  })

  it('returns 400 validation for a reply to an unknown, held or other-page parent', async () => {
    const t = await createTestApp()
    const spam = (await postAsGuest(t.app, { hp: 'x' })).body.comment
    const other = (await postAsGuest(t.app, { page: `${PAGE}-2` })).body.comment
    for (const parentId of ['0000000000000000a', spam.id, other.id]) {
      const { res, problem: body } = await postAsGuest(t.app, { parentId })
      expect(res.status).toBe(400)
      expect(body.errors?.[0]?.pointer).toBe('#/parentId')
    }
  })

  it('treats URL variants as one page and an unknown page as empty', async () => {
    const t = await createTestApp()
    await postAsGuest(t.app, { page: 'HTTPS://BLOG.example:443/2026/hello-world/?utm_source=x#comments' })
    expect((await listComments(t.app)).body.page).toEqual({ url: PAGE, commentCount: 1 })
    const { res, body } = await listComments(
      t.app,
      `page=${encodeURIComponent('https://blog.example/never')}`,
    )
    expect(res.status).toBe(200)
    expect(body).toMatchObject({ page: { commentCount: 0 }, comments: [], nextCursor: null })
  })

  it('keeps query parameters the site lists, so ?p=1 and ?p=2 are two pages', async () => {
    const t = await createTestApp({ site: { pageQueryParams: ['p'] } })
    await postAsGuest(t.app, { page: 'https://blog.example/?p=1' })
    await postAsGuest(t.app, { page: 'https://blog.example/?p=2&utm=x' })
    const res = await t.app.request(
      `/v1/sites/demo/counts?page=${encodeURIComponent('https://blog.example/?p=1')}&page=${encodeURIComponent('https://blog.example/?p=2')}&page=${encodeURIComponent('https://blog.example/?p=3')}`,
    )
    expect(await res.json()).toEqual({
      counts: {
        'https://blog.example/?p=1': 1,
        'https://blog.example/?p=2': 1,
        'https://blog.example/?p=3': 0,
      },
    })
  })

  it('keys a page by its pageId when the blog gives one', async () => {
    const t = await createTestApp()
    await postAsGuest(t.app, { pageId: 'post-42', page: `${PAGE}?old` })
    const { body } = await listComments(t.app, `page=${encodeURIComponent(`${PAGE}-renamed`)}&pageId=post-42`)
    expect(body.comments).toHaveLength(1)
  })
})

describe('GET /v1/sites/:siteId/counts', () => {
  it('returns 400 validation for no pages or more than 50', async () => {
    const t = await createTestApp()
    expect((await t.app.request('/v1/sites/demo/counts')).status).toBe(400)
    const many = Array.from({ length: 51 }, (_, i) => `page=${encodeURIComponent(`${PAGE}/${i}`)}`).join('&')
    const res = await t.app.request(`/v1/sites/demo/counts?${many}`)
    expect(res.status).toBe(400)
    expect((await problemOf(res)).code).toBe('validation')
  })
})
