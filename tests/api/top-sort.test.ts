import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newCommentId, threadPaths } from '../../shared/comments/comment-id.js'
import type { CommentRecord } from '../../shared/comments/comment-record.js'
import { insertComment } from '../../shared/comments/insert-comment.js'
import { rankThread } from '../../shared/comments/thread-members.js'
import { topSortKey } from '../../shared/comments/thread-rank.js'
import { signInWithGoogle } from '../helpers/google-sign-in.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, jsonRequest, listComments, postAsGuest, type TestApp } from '../helpers/test-app.js'

let ks: KeyServer
beforeAll(async () => {
  ks = await startKeyServer()
})
afterAll(() => ks.close())

let pageCounter = 0
/** A test's own app, with Google sign-in for likers and room for many posts a minute. */
async function topApp() {
  const t = await createTestApp({
    // Concurrency tests queue hundreds of requests in one DynamoDB Local: the deadline is relaxed, the counts are not.
    storeDeadlineMs: 20_000,
    providerEndpoints: ks.endpoints,
    site: {
      providers: [{ id: 'google', type: 'google', clientId: 'g-client' }],
      limits: { commentsPerMinutePerIp: 1000 },
    },
  })
  const page = `https://blog.example/2026/top-${pageCounter++}`
  const readers = new Map<string, string>()
  const reader = async (name: string) => {
    const known = readers.get(name)
    if (known) return known
    const { token } = await signInWithGoogle(t, ks, name)
    readers.set(name, token)
    return token
  }
  return {
    t,
    page,
    /** Posts a guest comment (a reply with `parentId`) a second after the last. */
    async post(body: string, parentId?: string, extra: Record<string, unknown> = {}) {
      t.clock.advance(1000)
      const { res, body: json } = await postAsGuest(t.app, {
        page,
        body,
        ...(parentId && { parentId }),
        ...extra,
      })
      expect(res.status).toBe(201)
      return json.comment.id as string
    },
    signIn: reader,
    async react(id: string, who: string, method: 'PUT' | 'DELETE' = 'PUT') {
      const res = await t.app.request(`/v1/sites/demo/comments/${id}/reactions/like`, {
        method,
        headers: { Authorization: `Bearer ${await reader(who)}` },
      })
      expect(res.status).toBe(200)
      return (await res.json()) as { reactions: { like: number } }
    },
    async like(id: string, count: number, from = 0) {
      for (let i = from; i < from + count; i++) await this.react(id, `reader-${i}`)
    },
    async list(query = '') {
      const { res, body } = await listComments(t.app, `page=${encodeURIComponent(page)}&sort=top${query}`)
      expect(res.status).toBe(200)
      return body as { page: { commentCount: number }; comments: ListedComment[]; nextCursor: string | null }
    },
    async order(query = '') {
      return (await this.list(query)).comments.map(text)
    },
    /** A moderator's action on one comment, which must apply. */
    async moderate(action: string, id: string) {
      const res = await t.app.request(
        '/v1/admin/sites/demo/moderation',
        jsonRequest('POST', { action, ids: [id] }, { Authorization: `Bearer ${t.adminKey}` }),
      )
      expect(res.status).toBe(200)
      expect((await bodyOf(res, 'moderate', 200)).results[0]).toHaveProperty('status')
    },
  }
}

interface ListedComment {
  id: string
  parentId: string | null
  html: string
  deleted: boolean
  reactions: { like: number }
}
const text = (c: ListedComment) => (c.deleted ? '(deleted)' : c.html.replace(/<\/?p>/g, ''))

/**
 * Every comment item in a page's thread carries the top-sort key of its root's likes now: the
 * invariant the single Query relies on, checked on the table itself.
 */
async function expectThreadsRanked(t: TestApp) {
  const items = await tableItems(t)
  const comments = items.filter((i) => i.sk === 'C')
  const byId = new Map(comments.map((c) => [String(c.id), c]))
  for (const c of comments.filter((i) => i.tpk !== undefined)) {
    const path = (c.paths as { oldest: string }).oldest
    const root = byId.get(path.slice(0, 17))
    expect(c.tTop, `tTop of ${String(c.id)}`).toBe(
      topSortKey({ likes: Number(root?.likes ?? 0), version: 0 }, path),
    )
  }
}

describe('GET /v1/sites/:siteId/comments?sort=top', () => {
  it('lists threads most liked first, ties oldest first, replies in thread order under their root', async () => {
    const s = await topApp()
    const a = await s.post('A')
    const b = await s.post('B')
    const c = await s.post('C')
    await s.post('D')
    await s.post('A1', a)
    const b1 = await s.post('B1', b)
    await s.post('C1', c)
    await s.post('B1a', b1)
    await s.like(c, 3)
    await s.like(a, 1)
    await s.like(b, 1, 10)
    // Likes on a reply do not move its thread.
    await s.like(b1, 5, 20)
    expect(await s.order()).toEqual(['C', 'C1', 'A', 'A1', 'B', 'B1', 'B1a', 'D'])
    const listed = (await s.list()).comments
    expect(listed.map((x) => x.reactions.like)).toEqual([3, 0, 1, 0, 1, 5, 0, 0])
    // The other sorts do not change.
    const oldest = await listComments(s.t.app, `page=${encodeURIComponent(s.page)}`)
    expect(oldest.body.comments.map(text)).toEqual(['A', 'A1', 'B', 'B1', 'B1a', 'C', 'C1', 'D'])
    await expectThreadsRanked(s.t)
  })

  it('moves a thread when its root gains or loses likes, and files new replies at its place', async () => {
    const s = await topApp()
    const a = await s.post('A')
    const b = await s.post('B')
    const a1 = await s.post('A1', a)
    expect(await s.order()).toEqual(['A', 'A1', 'B'])
    await s.like(b, 2)
    const b1 = await s.post('B1', b)
    await s.post('B1a', b1)
    expect(await s.order()).toEqual(['B', 'B1', 'B1a', 'A', 'A1'])
    await s.like(a, 3, 10)
    await s.post('A1a', a1)
    expect(await s.order()).toEqual(['A', 'A1', 'A1a', 'B', 'B1', 'B1a'])
    await s.react(a, 'reader-10', 'DELETE')
    // Two likes each now: the older thread first.
    expect(await s.order()).toEqual(['A', 'A1', 'A1a', 'B', 'B1', 'B1a'])
    await s.react(a, 'reader-11', 'DELETE')
    expect(await s.order()).toEqual(['B', 'B1', 'B1a', 'A', 'A1', 'A1a'])
    await expectThreadsRanked(s.t)
  })

  it('pages through a top-sorted list with cursors, losing and repeating nothing', async () => {
    const s = await topApp()
    const ids: Record<string, string> = {}
    for (const name of ['A', 'B', 'C', 'D']) ids[name] = await s.post(name)
    for (const reply of ['B1', 'B2', 'B3']) ids[reply] = await s.post(reply, ids.B)
    ids.D1 = await s.post('D1', ids.D)
    await s.like(ids.B ?? '', 2)
    await s.like(ids.D ?? '', 1, 10)
    await s.like(ids.C ?? '', 1, 20)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const body = await s.list(`&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(body.page.commentCount).toBe(8)
      seen.push(...body.comments.map(text))
      cursor = body.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual(['B', 'B1', 'B2', 'B3', 'C', 'D', 'D1', 'A'])

    // A cursor of the top sort pages nothing else, and a tampered one is refused.
    const first = await s.list('&limit=3')
    const cursorOfTop = first.nextCursor ?? ''
    for (const query of [
      `page=${encodeURIComponent(s.page)}&sort=oldest&cursor=${encodeURIComponent(cursorOfTop)}`,
      `page=${encodeURIComponent(s.page)}&sort=top&cursor=${encodeURIComponent(`${cursorOfTop}x`)}`,
    ]) {
      const { res, problem: body } = await listComments(s.t.app, query)
      expect(res.status).toBe(400)
      expect(body.code).toBe('validation')
      expect(body.errors?.[0]?.pointer).toBe('#/cursor')
    }
  })

  it('stays exact when 50 readers like and unlike two roots while replies are posted', {
    timeout: 120_000,
  }, async () => {
    const s = await topApp()
    const x = await s.post('X')
    const y = await s.post('Y')
    const x1 = await s.post('X1', x)
    await s.post('Y1', y)
    const readers = Array.from({ length: 50 }, (_, i) => `racer-${i}`)
    // Everyone signs in first, so that the race is between likes and replies only.
    await Promise.all(readers.map((name) => s.signIn(name)))
    const replies = Array.from({ length: 6 }, (_, i) => `reply ${i}`)
    s.t.clock.advance(1000)
    await Promise.all([
      ...readers.map(async (name, i) => {
        await s.react(x, name)
        await s.react(y, name)
        // X ends with 40 likes, Y with 25.
        if (i % 5 === 0) await s.react(x, name, 'DELETE')
        if (i % 2 === 0) await s.react(y, name, 'DELETE')
      }),
      ...replies.map((body, i) =>
        postAsGuest(s.t.app, { page: s.page, body, parentId: i % 2 ? y : x1 }).then(({ res }) =>
          expect(res.status).toBe(201),
        ),
      ),
    ])
    const listed = (await s.list()).comments
    const roots = listed.filter((c) => c.parentId === null)
    expect(roots.map((c) => [text(c), c.reactions.like])).toEqual([
      ['X', 40],
      ['Y', 25],
    ])
    // Every reply sits under its own root (replies posted in the same millisecond in either order).
    const yAt = listed.findIndex((c) => c.id === y)
    expect(listed.slice(0, 2).map(text)).toEqual(['X', 'X1'])
    expect(listed.slice(2, yAt).map(text).sort()).toEqual(['reply 0', 'reply 2', 'reply 4'])
    expect(listed.slice(yAt, yAt + 2).map(text)).toEqual(['Y', 'Y1'])
    expect(
      listed
        .slice(yAt + 2)
        .map(text)
        .sort(),
    ).toEqual(['reply 1', 'reply 3', 'reply 5'])
    await expectThreadsRanked(s.t)
  })

  it('leaves hidden comments out, and brings them back at their thread’s place now', async () => {
    const s = await topApp()
    const a = await s.post('A')
    const b = await s.post('B')
    const a1 = await s.post('A1', a)
    const held = await s.post('held', undefined, { hp: 'bot' })
    const spam = await s.post('spammy reply', a)
    await s.moderate('spam', spam)
    await s.like(b, 1)
    expect(await s.order()).toEqual(['B', 'A', 'A1'])
    // Hidden while its root was liked, a reply comes back under its root, at the root's rank.
    await s.like(a, 2, 10)
    await s.moderate('approve', spam)
    expect(await s.order()).toEqual(['A', 'A1', 'spammy reply', 'B'])
    // A hidden root takes its thread out; a deleted root with replies stays as a tombstone in place.
    await s.moderate('spam', b)
    await s.moderate('delete', a)
    expect(await s.order()).toEqual(['(deleted)', 'A1', 'spammy reply'])
    expect((await s.list()).page.commentCount).toBe(2)
    expect((await s.list()).comments.map((c) => c.id)).not.toContain(held)
    await s.moderate('delete', a1)
    await s.moderate('approve', b)
    expect(await s.order()).toEqual(['(deleted)', 'spammy reply', 'B'])
    await expectThreadsRanked(s.t)
  })

  it('ranks imported threads too, a deleted parent of an imported reply as a tombstone', async () => {
    const s = await topApp()
    const line = (o: Record<string, unknown>) =>
      JSON.stringify({ source: 'wordpress', page: s.page, format: 'markdown', author: { name: 'Ada' }, ...o })
    const res = await s.t.app.request('/v1/admin/sites/demo/import', {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.t.adminKey}`, 'Content-Type': 'application/x-ndjson' },
      body: [
        line({ sourceId: '1', body: 'gone', status: 'deleted', createdAt: '2019-03-01T10:00:00Z' }),
        line({ sourceId: '2', body: 'second', status: 'published', createdAt: '2019-03-02T10:00:00Z' }),
        line({
          sourceId: '3',
          parentSourceId: '1',
          body: 'orphan',
          status: 'published',
          createdAt: '2019-03-03T10:00:00Z',
        }),
      ].join('\n'),
    })
    expect((await bodyOf(res, 'importComments', 200)).imported).toBe(3)
    expect(await s.order()).toEqual(['(deleted)', 'orphan', 'second'])
    const second = (await s.list()).comments.find((c) => text(c) === 'second')
    await s.like(second?.id ?? '', 1)
    expect(await s.order()).toEqual(['second', '(deleted)', 'orphan'])
    await expectThreadsRanked(s.t)
  })

  it('returns 400 validation for an unknown sort, and writes nothing', async () => {
    const s = await topApp()
    await s.post('A')
    const before = await tableItems(s.t)
    for (const sort of ['best', 'TOP', '']) {
      const { res, problem: body } = await listComments(
        s.t.app,
        `page=${encodeURIComponent(s.page)}&sort=${sort}`,
      )
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(body.code).toBe('validation')
      expect(body.errors?.[0]?.pointer).toBe('#/sort')
    }
    expect(await tableItems(s.t)).toEqual(before)
  })

  it('documents the sort in the OpenAPI document', async () => {
    const s = await topApp()
    const doc = await bodyOf(await s.t.app.request('/v1/openapi.json'), 'openApi', 200)
    expect(doc.paths['/v1/sites/{siteId}/comments']).toMatchObject({
      get: {
        parameters: expect.arrayContaining([
          {
            name: 'sort',
            in: 'query',
            required: false,
            schema: expect.objectContaining({ enum: ['oldest', 'newest', 'top'] }),
          },
        ]),
      },
    })
  })
})

/** The stored record of a comment, as the domain reads it. */
async function record(t: TestApp, id: string): Promise<CommentRecord> {
  const c = await t.deps.comments.get('demo', id)
  if (!c) throw new Error(`no comment ${id}`)
  return c
}

// The races a like can lose, replayed one step at a time so that each interleaving surely happens.
describe('ranking races, replayed in order', () => {
  it('writes a reply again at the new rank when its root was liked after it was read', async () => {
    const s = await topApp()
    const a = await s.post('A')
    const b = await s.post('B')
    const a1 = await s.post('A1', a)
    const rootAsRead = await record(s.t, a)
    await s.like(a, 2)
    await s.like(b, 1, 10)
    // Two replies written with the root as it was before its likes: one to the root, one deeper.
    for (const [body, parent] of [
      ['late', rootAsRead],
      ['later', await record(s.t, a1)],
    ] as const) {
      s.t.clock.advance(1000)
      const id = newCommentId(s.t.clock())
      const reply = {
        ...(await record(s.t, a1)),
        id,
        parentId: parent.id,
        depth: parent.depth + 1,
        paths: threadPaths(id, parent.paths),
        body,
        html: `<p>${body}</p>`,
        replyCount: 0,
      }
      const guards = { rateLimits: [], bans: [], duplicates: { fingerprints: [], expiresAt: 0 } }
      const options = { ...guards, nowSeconds: 0, threadRoot: rootAsRead }
      expect(await insertComment(s.t.deps.store, reply, options)).toBe('inserted')
    }
    expect(await s.order()).toEqual(['A', 'A1', 'later', 'late', 'B'])
    await expectThreadsRanked(s.t)
  })

  it('keeps the newer rank when a slower like ranks its thread after a later one', async () => {
    const s = await topApp()
    const a = await s.post('A')
    await s.post('A1', a)
    const b = await s.post('B')
    await s.like(b, 2)
    await s.like(a, 1)
    const afterFirstLike = await record(s.t, a)
    await s.like(a, 2, 10)
    expect(await s.order()).toEqual(['A', 'A1', 'B'])
    // The first like's ranking arrives last, with the root as it read it then (one like).
    await rankThread(s.t.deps.store, afterFirstLike)
    expect(await s.order()).toEqual(['A', 'A1', 'B'])
    await expectThreadsRanked(s.t)
  })
})
