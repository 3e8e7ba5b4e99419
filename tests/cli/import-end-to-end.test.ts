import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.js'
import { tempFile } from './collect.js'
import { fixture, themeImportArgs } from './fixtures.js'
import { runCli } from './run-cli.js'

const MOVE = ['--map-origin', `https://wpthemetestdata.wordpress.com=${ORIGIN}`]
const TEMPLATE_COMMENTS = `${ORIGIN}/2012/01/03/template-comments/`

/** CLI → the real app over HTTP (node-server on a free port, DynamoDB Local) → the public API. */
describe('parley import against the real API', () => {
  let t: TestApp
  let server: Server
  let api: string
  const cli = (args: string[]) => runCli(args, { env: { PARLEY_ADMIN_KEY: t.adminKey } })
  const list = async (site: string, page: string) => {
    const res = await t.app.request(`/v1/sites/${site}/comments?page=${encodeURIComponent(page)}&limit=100`)
    expect(res.status).toBe(200)
    return (await res.json()) as Record<string, any>
  }

  beforeAll(async () => {
    t = await createTestApp({ site: { limits: { maxDepth: 10 } } })
    await t.deps.sites.create({ id: 'copy', name: 'Copy', origins: [ORIGIN], limits: { maxDepth: 10 } })
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', resolve)))
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('imports the theme unit test data: threads ten deep, statuses, authors and times, as listed publicly', async () => {
    const { status, stderr } = await cli(themeImportArgs(api, 'demo', '--batch', '10', ...MOVE))
    expect(stderr).toContain('Done: 29 lines sent, 29 imported, 0 already there, 0 refused.')
    expect(status).toBe(0)

    const { page, comments } = await list('demo', TEMPLATE_COMMENTS)
    // 20 comments on the page, one of them pending: not listed, not counted.
    expect(page.commentCount).toBe(19)
    expect(comments).toHaveLength(19)
    const chain = comments.filter((c: any) => /Comment Depth \d\d/.test(c.html))
    expect(chain.map((c: any) => c.depth)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(chain.slice(1).map((c: any) => c.parentId)).toEqual(chain.slice(0, -1).map((c: any) => c.id))
    expect(chain[0]).toMatchObject({
      author: { name: 'John Κώστας Doe Τάδε' },
      createdAt: '2013-03-14T14:57:01.000Z',
    })
    expect(chain[4].html).toBe('<p>Comment Depth 05</p>\n<p>Also an author comment.</p>')
    expect(JSON.stringify(comments)).not.toContain('example@example.org')
    expect((await list('demo', `${ORIGIN}/about/page-with-comments/`)).page.commentCount).toBe(3)

    const pending = await t.app.request('/v1/admin/sites/demo/comments?status=pending', {
      headers: { Authorization: `Bearer ${t.adminKey}` },
    })
    const held = ((await pending.json()) as Record<string, any>).comments
    expect(held.map((c: any) => c.body).sort()).toEqual([
      'I want to learn how to make chinese eggrolls',
      'nothing useful to say',
      expect.stringContaining('this is test comment'),
    ])
  })

  it('on a site of the default maxDepth (5), hangs replies past depth 5 at depth 5, none lost', async () => {
    await t.deps.sites.create({ id: 'flat', name: 'Flat', origins: [ORIGIN] })
    const { status } = await cli(themeImportArgs(api, 'flat', ...MOVE))
    expect(status).toBe(0)
    const { comments } = await list('flat', TEMPLATE_COMMENTS)
    expect(comments).toHaveLength(19)
    const chain = comments.filter((c: any) => /Comment Depth \d\d/.test(c.html))
    expect(chain.map((c: any) => c.depth)).toEqual([0, 1, 2, 3, 4, 5, 5, 5, 5, 5])
  })

  it('adds nothing when run again', async () => {
    const { status, stderr } = await cli(themeImportArgs(api, 'demo', ...MOVE))
    expect(status).toBe(0)
    expect(stderr).toContain('Done: 29 lines sent, 0 imported, 29 already there, 0 refused.')
    expect((await list('demo', TEMPLATE_COMMENTS)).page.commentCount).toBe(19)
  })

  it('exports the site and imports it into another, thread for thread', async () => {
    const exported = await cli(['export', '--api', api, '--site', 'demo'])
    expect(exported.status).toBe(0)
    expect(exported.stderr).toContain('Exported 29 comments of site demo.')
    const file = await tempFile('demo.ndjson', exported.stdout)
    const imported = await cli(['import', 'ndjson', file, '--api', api, '--site', 'copy'])
    expect(imported.stderr).toContain('Done: 29 lines sent, 29 imported, 0 already there, 0 refused.')

    const shape = (c: any) => [c.depth, c.author?.name, c.html, c.createdAt]
    const original = (await list('demo', TEMPLATE_COMMENTS)).comments.map(shape)
    expect((await list('copy', TEMPLATE_COMMENTS)).comments.map(shape)).toEqual(original)
  })

  it('imports Isso’s Disqus export, leaving out what it should', async () => {
    await t.deps.sites.create({
      id: 'isso',
      name: 'Isso',
      origins: ['http://example.org', 'http://localhost:4000'],
    })
    const { status, stderr } = await cli([
      'import',
      'disqus',
      fixture('isso/disqus.xml'),
      '--api',
      api,
      '--site',
      'isso',
    ])
    expect(stderr).toContain('Done: 5 lines sent, 5 imported, 0 already there, 0 refused.')
    expect(status).toBe(0)
    const { page, comments } = await list('isso', 'http://example.org/')
    expect(page.commentCount).toBe(3)
    // Post 4 with its reply 5, and deleted post 9, a tombstone that keeps its reply 11 in place.
    const byId = new Map<string, any>(comments.map((c: any) => [c.id, c]))
    const pairs = comments.map((c: any) => [c.depth, c.deleted, byId.get(c.parentId)?.deleted ?? null])
    expect(pairs.sort()).toEqual([
      [0, false, null],
      [0, true, null],
      [1, false, false],
      [1, false, true],
    ])
  })
})
