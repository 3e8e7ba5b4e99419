import { describe, expect, it } from 'vitest'
import { bodyOf } from '../helpers/route-contract.js'
import {
  createTestApp,
  freshIp,
  jsonRequest,
  listComments,
  postAsGuest,
  type TestApp,
} from '../helpers/test-app.js'

const admin = (t: TestApp) => ({ Authorization: `Bearer ${t.adminKey}` })
const moderate = (t: TestApp, action: string, ids: string[], reason?: string) =>
  t.app.request(
    '/v1/admin/sites/demo/moderation',
    jsonRequest('POST', { action, ids, ...(reason && { reason }) }, admin(t)),
  )
const queue = async (t: TestApp, status: string, extra = '') =>
  bodyOf(
    await t.app.request(`/v1/admin/sites/demo/comments?status=${status}${extra}`, { headers: admin(t) }),
    'queue',
    200,
  )

async function postPending(t: TestApp, n: number) {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    t.clock.advance(10)
    ids.push((await postAsGuest(t.app, { body: `held comment ${i}` })).body.comment.id)
  }
  return ids
}

describe('moderation queue and actions', () => {
  it('lists pending comments newest first with moderator fields, then approving publishes and counts them', async () => {
    const t = await createTestApp({ site: { moderation: 'pre' } })
    const ids = await postPending(t, 3)
    const pending = await queue(t, 'pending')
    expect(pending.comments.map((c: { id: string }) => c.id)).toEqual([...ids].reverse())
    expect(pending.comments[0]).toMatchObject({
      status: 'pending',
      page: expect.stringContaining('https://blog.example'),
      body: 'held comment 2',
      reasons: [],
    })
    expect(pending.comments[0]).toHaveProperty('ipHash')
    expect((await listComments(t.app)).body.comments).toEqual([])

    const res = await moderate(t, 'approve', [ids[0] ?? '', '0000000000000000a'])
    expect(await res.json()).toEqual({
      results: [
        { id: ids[0], status: 'published' },
        { id: '0000000000000000a', error: 'comment-not-found' },
      ],
    })
    const { body } = await listComments(t.app)
    expect(body.page.commentCount).toBe(1)
    expect(body.comments.map((c: { id: string }) => c.id)).toEqual([ids[0]])
  })

  it('pages through a queue with a cursor bound to it', async () => {
    const t = await createTestApp({ site: { moderation: 'pre' } })
    const ids = await postPending(t, 5)
    const first = await queue(t, 'pending', '&limit=2')
    const second = await queue(t, 'pending', `&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)
    const third = await queue(t, 'pending', `&limit=2&cursor=${encodeURIComponent(second.nextCursor ?? '')}`)
    expect(
      [...first.comments, ...second.comments, ...third.comments].map((c: { id: string }) => c.id),
    ).toEqual([...ids].reverse())
    expect(third.nextCursor).toBeNull()
    const misused = await t.app.request(
      `/v1/admin/sites/demo/comments?status=spam&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      { headers: admin(t) },
    )
    expect(misused.status).toBe(400)
  })

  it('keeps commentCount exact through reject, spam, delete, restore, pin and unpin', async () => {
    const t = await createTestApp()
    const a = (await postAsGuest(t.app, { body: 'a' })).body.comment.id
    const b = (await postAsGuest(t.app, { body: 'b' })).body.comment.id
    const reply = (await postAsGuest(t.app, { body: 'reply to a', parentId: a })).body.comment.id
    const count = async () => (await listComments(t.app)).body.page.commentCount
    expect(await count()).toBe(3)
    await moderate(t, 'spam', [b])
    expect(await count()).toBe(2)
    await moderate(t, 'delete', [a])
    const { body } = await listComments(t.app)
    expect(body.page.commentCount).toBe(1)
    expect(body.comments[0]).toMatchObject({ id: a, deleted: true, html: '' })
    expect(await (await moderate(t, 'restore', [a, b])).json()).toEqual({
      results: [
        { id: a, status: 'published' },
        { id: b, error: 'not-deleted' },
      ],
    })
    expect(await count()).toBe(2)
    await moderate(t, 'pin', [reply])
    expect((await listComments(t.app)).body.comments.find((c) => c.id === reply)?.pinned).toBe(true)
    await moderate(t, 'unpin', [reply])
    await moderate(t, 'reject', [a])
    // The reply's parent is gone from the thread: approving the reply alone is refused.
    await moderate(t, 'spam', [reply])
    expect(await (await moderate(t, 'approve', [reply])).json()).toEqual({
      results: [{ id: reply, error: 'parent-not-published' }],
    })
    expect(await count()).toBe(0)
  })

  it('counts each comment once when two moderators approve the same 50 at the same moment', async () => {
    const t = await createTestApp({ site: { moderation: 'pre' } })
    const ids: string[] = []
    for (let i = 0; i < 50; i++) {
      const { body } = await postAsGuest(
        t.app,
        { body: `to approve ${i}` },
        { 'x-test-client-ip': freshIp() },
      )
      ids.push(body.comment.id)
    }
    const [one, two] = await Promise.all([moderate(t, 'approve', ids), moderate(t, 'approve', ids)])
    for (const res of [one, two]) {
      expect(
        (await bodyOf(res, 'moderate', 200)).results.every((r) => 'status' in r && r.status === 'published'),
      ).toBe(true)
    }
    const { body } = await listComments(
      t.app,
      `page=${encodeURIComponent('https://blog.example/2026/hello-world')}&limit=200`,
    )
    expect(body.page.commentCount).toBe(50)
    expect(body.comments).toHaveLength(50)
  })

  it('records every action in the audit log, newest first', async () => {
    const t = await createTestApp({ site: { moderation: 'pre' } })
    const [id] = await postPending(t, 1)
    await moderate(t, 'approve', [id ?? ''])
    t.clock.advance(1000)
    await moderate(t, 'spam', [id ?? ''], 'link farm')
    const { entries } = await bodyOf(
      await t.app.request('/v1/admin/sites/demo/audit', { headers: admin(t) }),
      'audit',
      200,
    )
    expect(entries.slice(0, 2)).toEqual([
      {
        at: expect.any(String),
        actor: 'admin',
        action: 'spam',
        target: id,
        detail: { from: 'published', to: 'spam', reason: 'link farm' },
      },
      {
        at: expect.any(String),
        actor: 'admin',
        action: 'approve',
        target: id,
        detail: { from: 'pending', to: 'published' },
      },
    ])
  })
})
