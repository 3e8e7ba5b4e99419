import { serializeOuter as serialize } from 'parse5'
import { describe, expect, it } from 'vitest'
import { attr, elementsOf, fetchFragment, fragmentIds, ldJsonOf } from '../helpers/html-fragment.js'
import { createTestApp, listComments, PAGE, postAsGuest } from '../helpers/test-app.js'

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
    const root = elementsOf(html)[0]
    expect(root && attr(root, 'data-parley-ssr')).toBe('1')
    expect(root && attr(root, 'data-count')).toBe('2')
    expect(root && attr(root, 'data-page')).toBe(PAGE)
    const parentLi = elementsOf(html).find((el) => attr(el, 'data-id') === first.comment.id)
    expect(parentLi && fragmentIds(serialize(parentLi))).toEqual([first.comment.id, reply.comment.id])
    const { scripts, data } = ldJsonOf(html)
    expect(scripts).toHaveLength(1)
    expect(data).toMatchObject({ '@type': 'WebPage', url: PAGE, commentCount: 2 })
    const { body: list } = await listComments(app)
    expect(list.comments.map((c) => c.id)).toEqual(fragmentIds(html))
  })
})
