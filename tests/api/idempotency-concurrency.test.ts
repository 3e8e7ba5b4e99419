import { describe, expect, it } from 'vitest'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { createTestApp, freshIp, guestComment, jsonRequest, listComments } from '../helpers/test-app.js'

describe('Idempotency-Key', () => {
  it('returns the first result for a retried POST and writes one comment', async () => {
    const { app } = await createTestApp()
    const headers = { 'Idempotency-Key': 'retry-me-1', 'x-test-client-ip': freshIp() }
    const first = await app.request('/v1/sites/demo/comments', jsonRequest('POST', guestComment(), headers))
    const again = await app.request('/v1/sites/demo/comments', jsonRequest('POST', guestComment(), headers))
    expect(first.status).toBe(201)
    expect(again.status).toBe(201)
    expect(await again.json()).toEqual(await first.json())
    expect((await listComments(app)).body.page.commentCount).toBe(1)
  })

  it('returns 409 idempotency-conflict for the same key with another body', async () => {
    const { app } = await createTestApp()
    const headers = { 'Idempotency-Key': 'k-2', 'x-test-client-ip': freshIp() }
    await app.request('/v1/sites/demo/comments', jsonRequest('POST', guestComment(), headers))
    const res = await app.request(
      '/v1/sites/demo/comments',
      jsonRequest('POST', guestComment({ body: 'other' }), headers),
    )
    expect(res.status).toBe(409)
    expect((await problemOf(res)).code).toBe('idempotency-conflict')
    expect((await listComments(app)).body.page.commentCount).toBe(1)
  })

  it('posts once when ten identical retries race', async () => {
    const { app } = await createTestApp({ site: { limits: { commentsPerMinutePerIp: 100 } } })
    const headers = { 'Idempotency-Key': 'double-click', 'x-test-client-ip': freshIp() }
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.request('/v1/sites/demo/comments', jsonRequest('POST', guestComment(), headers)),
      ),
    )
    const ids = new Set(
      await Promise.all(results.map(async (r) => (await bodyOf(r, 'postComment', 201)).comment.id)),
    )
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201))
    expect(ids.size).toBe(1)
    expect((await listComments(app)).body.page.commentCount).toBe(1)
  })
})

describe('concurrency', () => {
  it('lists exactly 200 comments and counts 200 after 200 concurrent posts to one page', async () => {
    // One process carrying 200 requests into one DynamoDB Local queues them for seconds, which a
    // Lambda (one request per process) never does: the deadline is relaxed, the counts are not.
    const { app } = await createTestApp({ storeDeadlineMs: 20_000 })
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        app.request(
          '/v1/sites/demo/comments',
          jsonRequest('POST', guestComment({ body: `comment ${i}` }), {
            'x-test-client-ip': `203.0.113.${i % 200}`,
          }),
        ),
      ),
    )
    const failures = await Promise.all(results.filter((r) => r.status !== 201).map((r) => r.json()))
    expect(failures).toEqual([])
    const { body } = await listComments(app, `page=${encodeURIComponent(guestComment().page)}&limit=200`)
    expect(body.page.commentCount).toBe(200)
    expect(body.comments).toHaveLength(200)
    expect(new Set(body.comments.map((c: { html: string }) => c.html)).size).toBe(200)
    // 200 transactions on one page's counter queue up in one DynamoDB Local: seconds, more on a busy machine.
  }, 90_000)
})
