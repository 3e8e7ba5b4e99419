import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInWithGoogle } from '../helpers/google-sign-in.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import {
  createTestApp,
  freshIp,
  jsonRequest,
  listComments,
  PAGE,
  postAsGuest,
  type TestApp,
} from '../helpers/test-app.js'

let ks: KeyServer
let t: TestApp
const admin = () => ({ Authorization: `Bearer ${t.adminKey}` })
const vote = (visitor: string, v: 'up' | 'down', extra: Record<string, unknown> = {}, ip = freshIp()) =>
  t.app.request(
    '/v1/sites/demo/feedback',
    jsonRequest('POST', { page: PAGE, vote: v, visitor, ...extra }, { 'x-test-client-ip': ip }),
  )
const summary = async (page = PAGE) =>
  (await t.app.request(`/v1/sites/demo/feedback?page=${encodeURIComponent(page)}`)).json()

beforeAll(async () => {
  ks = await startKeyServer()
  // Concurrency tests push hundreds of requests from one process into one DynamoDB Local, which
  // queues them for seconds (a Lambda never does): the store deadline is relaxed, the counts are not.
  t = await createTestApp({
    storeDeadlineMs: 20_000,
    providerEndpoints: ks.endpoints,
    site: { providers: [{ id: 'google', type: 'google', clientId: 'g-client' }] },
  })
})
afterAll(() => ks.close())

describe('page feedback', () => {
  it('counts one vote per visitor, a later vote replacing the earlier one', async () => {
    const page = `${PAGE}-votes`
    const cast = (visitor: string, v: 'up' | 'down') =>
      t.app.request(
        '/v1/sites/demo/feedback',
        jsonRequest('POST', { page, vote: v, visitor }, { 'x-test-client-ip': freshIp() }),
      )
    expect(await (await cast('visitor-a1', 'up')).json()).toEqual({ up: 1, down: 0 })
    expect(await (await cast('visitor-a1', 'up')).json()).toEqual({ up: 1, down: 0 })
    expect(await (await cast('visitor-a1', 'down')).json()).toEqual({ up: 0, down: 1 })
    expect(await (await cast('visitor-b2', 'up')).json()).toEqual({ up: 1, down: 1 })
    expect(await summary(page)).toEqual({ up: 1, down: 1 })
    expect(await summary(`${PAGE}-never`)).toEqual({ up: 0, down: 0 })
  })

  it('keeps counts equal to the final votes: 500 votes from 100 visitors flipping concurrently', {
    timeout: 120_000,
  }, async () => {
    const page = `${PAGE}-storm`
    const finals = new Map<string, 'up' | 'down'>()
    const votes = Array.from({ length: 500 }, (_, i) => {
      const visitor = `storm-visitor-${i % 100}`
      const v: 'up' | 'down' = Math.random() < 0.5 ? 'up' : 'down'
      return { visitor, v }
    })
    // Each visitor's votes go one after another (as one browser's would); visitors race each other.
    const byVisitor = new Map<string, typeof votes>()
    for (const x of votes) byVisitor.set(x.visitor, [...(byVisitor.get(x.visitor) ?? []), x])
    await Promise.all(
      [...byVisitor].map(async ([visitor, list]) => {
        for (const { v } of list) {
          const res = await t.app.request(
            '/v1/sites/demo/feedback',
            jsonRequest('POST', { page, vote: v, visitor }, { 'x-test-client-ip': freshIp() }),
          )
          expect(res.status).toBe(201)
          finals.set(visitor, v)
        }
      }),
    )
    const expected = {
      up: [...finals.values()].filter((v) => v === 'up').length,
      down: [...finals.values()].filter((v) => v === 'down').length,
    }
    expect(expected.up + expected.down).toBe(100)
    expect(await summary(page)).toEqual(expected)
  })

  it('answers all of 500 votes racing at once, 5 from each of 100 visitors on 100 IPs, and counts them exactly', {
    timeout: 120_000,
  }, async () => {
    const page = `${PAGE}-race`
    const votes = Array.from({ length: 500 }, (_, i) => ({
      visitor: `racing-visitor-${i % 100}`,
      ip: `203.0.113.${(i % 100) + 1}`,
      v: (Math.floor(i / 100) + i) % 2 === 0 ? ('up' as const) : ('down' as const),
    }))
    const answers = await Promise.all(
      votes.map(async ({ visitor, ip, v }) => {
        const res = await vote(visitor, v, { page }, ip)
        return { status: res.status, body: await bodyOf(res, 'castVote', 201) }
      }),
    )
    expect(answers.map((a) => a.status)).toEqual(votes.map(() => 201))
    // Nothing half-written: one vote item per visitor, and counts that are exactly the stored votes.
    const stored = (await tableItems(t)).filter((i) => i.pageUrl === page && String(i.sk).startsWith('V#'))
    expect(stored).toHaveLength(100)
    const up = stored.filter((i) => i.vote === 'up').length
    expect(await summary(page)).toEqual({ up, down: 100 - up })
    for (const { body } of answers) expect(body.up + body.down).toBeLessThanOrEqual(100)
  })

  it('writes nothing of a vote over the rate limit, however many race from one IP', async () => {
    t.clock.advance(60_000)
    const page = `${PAGE}-limited-race`
    const ip = '203.0.113.250'
    const statuses = await Promise.all(
      Array.from(
        { length: 30 },
        async (_, i) => (await vote(`limited-racer-${i}`, 'up', { page }, ip)).status,
      ),
    )
    expect(statuses.filter((s) => s === 201)).toHaveLength(20)
    expect(statuses.filter((s) => s === 429)).toHaveLength(10)
    const stored = (await tableItems(t)).filter((i) => i.pageUrl === page && String(i.sk).startsWith('V#'))
    expect(stored).toHaveLength(20)
    expect(await summary(page)).toEqual({ up: 20, down: 0 })
  })

  it('returns 400 for an unknown vote, an oversized message or a missing visitor, writing nothing', async () => {
    const before = (await tableItems(t)).length
    for (const body of [
      { page: PAGE, vote: 'meh', visitor: 'visitor-x1' },
      { page: PAGE, vote: 'up', visitor: 'visitor-x1', message: 'x'.repeat(1001) },
      { page: PAGE, vote: 'up' },
      { page: PAGE, vote: 'up', visitor: 'short' },
    ]) {
      const res = await t.app.request('/v1/sites/demo/feedback', jsonRequest('POST', body))
      expect(res.status).toBe(400)
      expect((await problemOf(res)).code).toBe('validation')
    }
    expect((await tableItems(t)).length).toBe(before)
  })

  it('rate-limits votes per IP', async () => {
    t.clock.advance(60_000) // a fresh window: earlier tests voted from every test IP
    const ip = freshIp()
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) statuses.push((await vote(`limited-${i}-visitor`, 'up', {}, ip)).status)
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true)
    expect(statuses[20]).toBe(429)
  })

  it('shows moderators each entry with its message, and holds a spammy message with its reasons', async () => {
    const page = `${PAGE}-messages`
    await t.app.request(
      '/v1/sites/demo/feedback',
      jsonRequest('POST', {
        page,
        vote: 'down',
        visitor: 'msg-visitor-1',
        message: 'The second example is wrong',
      }),
    )
    await t.app.request(
      '/v1/sites/demo/feedback',
      jsonRequest('POST', {
        page,
        vote: 'up',
        visitor: 'msg-visitor-2',
        message: 'https://a.example https://b.example https://c.example https://d.example',
      }),
    )
    const { entries } = await bodyOf(
      await t.app.request(`/v1/admin/sites/demo/feedback?page=${encodeURIComponent(page)}`, {
        headers: admin(),
      }),
      'adminFeedback',
      200,
    )
    expect(entries).toHaveLength(2)
    expect(entries).toContainEqual({
      page,
      vote: 'down',
      message: 'The second example is wrong',
      reasons: [],
      at: expect.any(String),
    })
    expect(entries.find((e) => e.vote === 'up')?.reasons).toEqual(['links'])
    expect(
      (await t.app.request(`/v1/admin/sites/demo/feedback?page=${encodeURIComponent(page)}`)).status,
    ).toBe(401)
  })
})

describe('feedback CSV export', () => {
  it('streams every one of 10,000 entries, with formulas neutralised', async () => {
    const other = await createTestApp()
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      pk: `S#demo#FB#page${i % 10}`,
      sk: `V#v${i}`,
      vote: i % 3 ? 'up' : 'down',
      message: i === 0 ? '=HYPERLINK("https://evil.example")' : i % 2 ? `message, "quoted" ${i}` : null,
      reasons: [],
      at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      pageUrl: `https://blog.example/p${i % 10}`,
      spk: 'S#demo#ST#feedback',
      ssk: `${new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()}#v${i}`,
    }))
    for (let i = 0; i < items.length; i += 250) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) => items.slice(i + j * 25, i + j * 25 + 25))
          .filter((batch) => batch.length)
          .map((batch) =>
            other.client.send(
              new BatchWriteCommand({
                RequestItems: { [other.tableName]: batch.map((Item) => ({ PutRequest: { Item } })) },
              }),
            ),
          ),
      )
    }
    const res = await other.app.request('/v1/admin/sites/demo/feedback.csv', {
      headers: { Authorization: `Bearer ${other.adminKey}` },
    })
    expect(res.headers.get('content-type')).toContain('text/csv')
    const rows = (await res.text()).trimEnd().split('\n')
    expect(rows[0]).toBe('at,page,vote,message,reasons')
    expect(rows).toHaveLength(10_001)
    expect(rows[1]).toBe(
      `2026-01-01T00:00:00.000Z,https://blog.example/p0,down,"'=HYPERLINK(""https://evil.example"")",`,
    )
    expect(rows[2]).toBe('2026-01-01T00:00:01.000Z,https://blog.example/p1,up,"message, ""quoted"" 1",')
  }, 120_000)
})

describe('comment likes', () => {
  const reader = async (sub: string) => (await signInWithGoogle(t, ks, sub)).token
  const react = (id: string, token: string, method: 'PUT' | 'DELETE') =>
    t.app.request(`/v1/sites/demo/comments/${id}/reactions/like`, {
      method,
      headers: { Authorization: `Bearer ${token}` },
    })

  it('counts exactly when 50 readers like and unlike concurrently, idempotent per reader', {
    timeout: 120_000,
  }, async () => {
    const { body } = await postAsGuest(t.app, { body: 'likeable' })
    const id = body.comment.id
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => reader(`liker-${i}`)))
    await Promise.all(
      tokens.map(async (token, i) => {
        await react(id, token, 'PUT')
        await react(id, token, 'PUT')
        if (i % 5 === 0) await react(id, token, 'DELETE')
      }),
    )
    const again = await bodyOf(await react(id, tokens[1] ?? '', 'PUT'), 'like', 200)
    expect(again).toEqual({ reactions: { like: 40 }, mine: ['like'] })
    const listed = (await listComments(t.app)).body.comments.find((c) => c.id === id)
    expect(listed?.reactions).toEqual({ like: 40 })
  })

  it('answers every one of 60 readers liking, liking again and some unliking all at once, counting exactly', {
    timeout: 120_000,
  }, async () => {
    const { body } = await postAsGuest(t.app, { body: 'raced over' })
    const id = body.comment.id
    const tokens = await Promise.all(Array.from({ length: 60 }, (_, i) => reader(`racer-${i}`)))
    const status = async (token: string, method: 'PUT' | 'DELETE') => (await react(id, token, method)).status
    const statuses = await Promise.all(
      tokens.flatMap((token, i) => [
        status(token, 'PUT'),
        status(token, 'PUT'),
        ...(i % 4 === 0 ? [status(token, 'DELETE')] : []),
      ]),
    )
    expect(statuses).toEqual(statuses.map(() => 200))
    const items = await tableItems(t)
    const likes = items.filter((i) => i.pk === `S#demo#C#${id}` && String(i.sk).startsWith('LIKE#')).length
    // Whichever of a reader's PUT and DELETE landed last, the count is exactly the likes stored.
    expect(items.find((i) => i.pk === `S#demo#C#${id}` && i.sk === 'C')?.likes).toBe(likes)
    expect(likes).toBeGreaterThanOrEqual(45)
    const listed = (await listComments(t.app)).body.comments.find((c) => c.id === id)
    expect(listed?.reactions).toEqual({ like: likes })
  })

  it('returns 401 to guests and 404 for a comment that is not published', async () => {
    const { body } = await postAsGuest(t.app, { body: 'held', hp: 'bot' })
    expect(
      (await t.app.request(`/v1/sites/demo/comments/${body.comment.id}/reactions/like`, { method: 'PUT' }))
        .status,
    ).toBe(401)
    const token = await reader('liker-x')
    const res = await t.app.request(`/v1/sites/demo/comments/${body.comment.id}/reactions/like`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(res.status).toBe(404)
  })
})
