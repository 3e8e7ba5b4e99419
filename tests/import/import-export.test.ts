import { describe, expect, it } from 'vitest'
import { bodyOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, jsonRequest, listComments, PAGE, type TestApp } from '../helpers/test-app.js'

const admin = (t: TestApp) => ({ Authorization: `Bearer ${t.adminKey}` })
const line = (o: Record<string, unknown>) =>
  JSON.stringify({
    source: 'wordpress',
    page: PAGE,
    format: 'markdown',
    status: 'published',
    author: { name: 'Ada' },
    ...o,
  })
const importLines = (t: TestApp, lines: string[], site = 'demo') =>
  t.app.request(`/v1/admin/sites/${site}/import`, {
    method: 'POST',
    headers: { ...admin(t), 'Content-Type': 'application/x-ndjson' },
    body: `${lines.join('\n')}\n`,
  })
const texts = (comments: { html: string }[]) => comments.map((c) => c.html.replace(/<\/?p>/g, ''))

describe('POST /v1/admin/sites/:siteId/import', () => {
  it('imports threads with their times and statuses, counts exact, and adds nothing the second time', async () => {
    const t = await createTestApp()
    const lines = [
      line({ sourceId: '1', body: 'root', createdAt: '2019-03-01T10:00:00Z' }),
      line({ sourceId: '2', parentSourceId: '1', body: 'reply', createdAt: '2019-03-01T11:00:00Z' }),
      line({
        sourceId: '3',
        parentSourceId: '2',
        body: '<p>deeper <b>html</b></p><script>alert(1)</script>',
        format: 'html',
        createdAt: '2019-03-02T09:00:00Z',
      }),
      line({ sourceId: '4', body: 'held', status: 'pending', createdAt: '2019-03-03T09:00:00Z' }),
      line({ sourceId: '5', body: 'junk', status: 'spam', createdAt: '2019-03-03T09:30:00Z' }),
      line({ sourceId: '6', body: 'second thread', createdAt: '2019-02-01T09:00:00Z', author: null }),
    ]
    const res = await importLines(t, lines)
    expect(await res.json()).toEqual({ imported: 6, skipped: 0, errors: [] })
    const { body } = await listComments(t.app)
    expect(body.page.commentCount).toBe(4)
    expect(texts(body.comments)).toEqual(['second thread', 'root', 'reply', 'deeper <strong>html</strong>'])
    expect(body.comments[0]).toMatchObject({ author: null, createdAt: '2019-02-01T09:00:00.000Z', depth: 0 })
    expect(body.comments[3]).toMatchObject({ depth: 2, createdAt: '2019-03-02T09:00:00.000Z' })
    const before = (await tableItems(t)).length
    expect(await (await importLines(t, lines)).json()).toEqual({ imported: 0, skipped: 6, errors: [] })
    expect((await tableItems(t)).length).toBe(before)
  })

  it('reports bad lines and goes on with the rest', async () => {
    const t = await createTestApp()
    const res = await importLines(t, [
      '{"not": "closed"',
      line({ sourceId: 'a', body: 'fine', createdAt: '2020-01-01T00:00:00Z' }),
      line({ sourceId: 'b', parentSourceId: 'missing', body: 'orphan', createdAt: '2020-01-01T00:00:00Z' }),
      line({
        sourceId: 'c',
        body: 'elsewhere',
        page: 'https://other.example/x',
        createdAt: '2020-01-01T00:00:00Z',
      }),
      line({ sourceId: 'd', body: 'bad time', createdAt: 'yesterday' }),
    ])
    const result = await bodyOf(res, 'importComments', 200)
    expect(result.imported).toBe(1)
    expect(result.errors.map((e) => [e.line, e.code])).toEqual([
      [1, 'malformed-json'],
      [3, 'parent-not-found'],
      [4, 'page-not-on-site'],
      [5, 'validation'],
    ])
  })

  it('hangs replies deeper than maxDepth at the deepest level, and keeps a deleted parent as a tombstone', async () => {
    const t = await createTestApp({ site: { limits: { maxDepth: 2 } } })
    const chain = Array.from({ length: 6 }, (_, i) =>
      line({
        sourceId: `n${i}`,
        parentSourceId: i ? `n${i - 1}` : null,
        body: `level ${i}`,
        status: i === 0 ? 'deleted' : 'published',
        createdAt: `2021-01-0${i + 1}T00:00:00Z`,
      }),
    )
    expect((await bodyOf(await importLines(t, chain), 'importComments', 200)).imported).toBe(6)
    const { body } = await listComments(t.app)
    expect(body.comments.map((c: { depth: number; deleted: boolean }) => [c.depth, c.deleted])).toEqual([
      [0, true],
      [1, false],
      [2, false],
      [2, false],
      [2, false],
      [2, false],
    ])
    expect(body.page.commentCount).toBe(5)
  })

  it('refuses a body that is not NDJSON (415), more than 1000 lines (400), and callers without the admin key', async () => {
    const t = await createTestApp()
    const json = await t.app.request('/v1/admin/sites/demo/import', jsonRequest('POST', {}, admin(t)))
    expect(json.status).toBe(415)
    const many = Array.from({ length: 1001 }, (_, i) =>
      line({ sourceId: `${i}`, body: 'x', createdAt: '2020-01-01T00:00:00Z' }),
    )
    expect((await importLines(t, many)).status).toBe(400)
    const anonymous = await t.app.request('/v1/admin/sites/demo/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-ndjson' },
      body: '',
    })
    expect(anonymous.status).toBe(401)
  })
})

describe('GET /v1/admin/sites/:siteId/export', () => {
  it('streams every comment in every status, parents first; importing it into another site reproduces the site', async () => {
    const t = await createTestApp()
    await importLines(t, [
      line({
        sourceId: '1',
        body: 'root',
        createdAt: '2019-03-01T10:00:00Z',
        author: { name: 'Ada', email: 'ada@example.com', website: 'https://ada.example' },
      }),
      line({ sourceId: '2', parentSourceId: '1', body: 'reply', createdAt: '2019-03-01T09:00:00Z' }),
      line({ sourceId: '3', body: 'held', status: 'pending', createdAt: '2019-03-03T09:00:00Z' }),
      line({ sourceId: '4', body: 'gone', status: 'deleted', createdAt: '2019-03-04T09:00:00Z' }),
    ])
    const res = await t.app.request('/v1/admin/sites/demo/export', { headers: admin(t) })
    expect(res.headers.get('content-type')).toContain('application/x-ndjson')
    const exported = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(exported.map((e) => [e.body, e.status])).toEqual([
      ['root', 'published'],
      ['reply', 'published'],
      ['held', 'pending'],
      ['gone', 'deleted'],
    ])
    expect(exported[0].author).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      website: 'https://ada.example',
    })

    await t.app.request(
      '/v1/admin/sites',
      jsonRequest('POST', { id: 'copy', name: 'Copy', origins: ['https://blog.example'] }, admin(t)),
    )
    const copied = await importLines(
      t,
      exported.map((e) => JSON.stringify(e)),
      'copy',
    )
    expect(await copied.json()).toEqual({ imported: 4, skipped: 0, errors: [] })
    const original = (await listComments(t.app)).body
    const copy = await bodyOf(
      await t.app.request(`/v1/sites/copy/comments?page=${encodeURIComponent(PAGE)}`),
      'listComments',
      200,
    )
    const shape = (b: { page: unknown; comments: Record<string, unknown>[] } | Record<string, any>) => ({
      page: b.page,
      comments: b.comments.map(({ id: _, parentId, ...rest }: Record<string, unknown>) => ({
        ...rest,
        reply: parentId !== null,
      })),
    })
    expect(shape(copy)).toEqual(shape(original))
  })
})
