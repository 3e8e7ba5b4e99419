import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyOf } from '../helpers/route-contract.js'
import { createTestApp, freshIp, postAsGuest, type TestApp } from '../helpers/test-app.js'

/** Akismet on loopback: answers what the test sets, and keeps the fields it was sent. */
let verdict: () => { status: number; body: string } = () => ({ status: 200, body: 'false' })
const received: URLSearchParams[] = []
let server: Server
let t: TestApp

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      received.push(new URLSearchParams(body))
      const answer = verdict()
      res.writeHead(answer.status, { 'Content-Type': 'text/plain' }).end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  t = await createTestApp({
    akismetEndpoint: (key) => `${base}/${key}/1.1/comment-check`,
    site: { spam: { heuristics: true, blocklist: [], akismet: { key: 'test-key' } } },
  })
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const statusOf = async (id: string) => {
  for (const status of ['published', 'pending', 'spam']) {
    const res = await t.app.request(`/v1/admin/sites/demo/comments?status=${status}`, {
      headers: { Authorization: `Bearer ${t.adminKey}` },
    })
    const found = (await bodyOf(res, 'queue', 200)).comments.find((c) => c.id === id)
    if (found) return { status: found.status, reasons: found.reasons }
  }
}

describe('Akismet', () => {
  it('sends comment-check the documented fields and publishes what it calls ham', async () => {
    verdict = () => ({ status: 200, body: 'false' })
    const ip = freshIp()
    const { body } = await postAsGuest(
      t.app,
      { body: 'A thoughtful comment', author: { name: 'Ada', email: 'ada@example.com' } },
      { 'x-test-client-ip': ip, 'User-Agent': 'Mozilla/5.0 test' },
    )
    expect(body.comment.status).toBe('published')
    const sent = received.at(-1)
    expect(Object.fromEntries(sent ?? [])).toMatchObject({
      blog: 'https://blog.example',
      user_ip: ip,
      user_agent: 'Mozilla/5.0 test',
      comment_type: 'comment',
      comment_author: 'Ada',
      comment_author_email: 'ada@example.com',
      comment_content: 'A thoughtful comment',
      permalink: 'https://blog.example/2026/hello-world',
    })
  })

  it('holds what it calls spam as spam', async () => {
    verdict = () => ({ status: 200, body: 'true' })
    const { body } = await postAsGuest(t.app, { body: 'Buy followers' })
    expect(body.comment.status).toBe('pending')
    expect(await statusOf(body.comment.id)).toEqual({ status: 'spam', reasons: ['akismet'] })
  })

  it('holds the comment as pending when Akismet is down, never losing it', async () => {
    verdict = () => ({ status: 503, body: 'down' })
    const { res, body } = await postAsGuest(t.app, { body: 'Posted while Akismet was down' })
    expect(res.status).toBe(201)
    expect(await statusOf(body.comment.id)).toEqual({ status: 'pending', reasons: ['akismet-unavailable'] })
  })
})
