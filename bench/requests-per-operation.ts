/**
 * DynamoDB requests per API operation: what each call costs in a pay-per-request table.
 *
 * Counts every HTTP request the document client sends (SDK middleware in `finalizeRequest`, so
 * retries count too: users pay for them) while one operation runs through `app.request` on
 * DynamoDB Local, with the site's config already cached.
 *
 * Budgets: list (first page, and a later page from its cursor, each sort) = 1, post (top-level) ≤ 2,
 * counts for 50 pages = 1.
 * A like on a thread's root also moves the thread in the `top` sort: reported, not budgeted.
 */
import type { ListCommentsResponse, PostCommentResponse } from '../shared/contracts/index.js'
import {
  type BenchResult,
  createBenchApp,
  createBenchClient,
  jsonRequest,
  ORIGIN,
  PAGE,
  postComment,
  runIfMain,
  SITE_ID,
  verdict,
  withDynamoDbLocal,
} from './bench-kit.js'

interface Operation {
  name: string
  requests: number
  /** A check of `requests` and how it reads, when the operation has a budget. */
  budget?: { ok: (n: number) => boolean; text: string }
}

const base = `/v1/sites/${SITE_ID}`
const listUrl = (query: string) => `${base}/comments?page=${encodeURIComponent(PAGE)}&${query}`

async function expectStatus(res: Response, status: number): Promise<Response> {
  if (res.status !== status)
    throw new Error(`${res.url || 'request'} answered ${res.status}: ${await res.text()}`)
  return res
}

export async function requestsPerOperation(): Promise<BenchResult> {
  console.log('== requests-per-operation: DynamoDB requests (retries included) per API call ==')
  return withDynamoDbLocal(async (endpoint) => {
    const client = createBenchClient(endpoint)
    let requests = 0
    client.middlewareStack.add(
      (next) => async (args) => {
        requests++
        return next(args)
      },
      { step: 'finalizeRequest', name: 'countRequests' },
    )
    try {
      const { app, deps } = await createBenchApp(client, endpoint)
      const operations: Operation[] = []
      /** Runs `operation` and records how many requests it sent. */
      const measure = async <T>(name: string, operation: () => Promise<T>, budget?: Operation['budget']) => {
        requests = 0
        const result = await operation()
        operations.push({ name, requests, ...(budget && { budget }) })
        return result
      }
      /** One request to the app, which must answer `status`. */
      const call = async (url: string, init?: RequestInit, status = 200) =>
        expectStatus(await app.request(url, init), status)

      // Warm the site cache, and give the page a few comments so that a second and third page exist.
      await call(listUrl('limit=2'))
      const seeded: PostCommentResponse[] = []
      for (let i = 0; i < 7; i++) seeded.push(await postComment(app, `Seed comment ${i}`))

      const one = { ok: (n: number) => n === 1, text: '= 1' }
      for (const sort of ['oldest', 'newest', 'top'] as const) {
        let cursor: string | null = null
        for (const which of ['first page', 'second page, cursor', 'third page, cursor']) {
          const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
          const res = await measure(
            `list ${sort} (${which})`,
            () => call(listUrl(`sort=${sort}&limit=2${after}`)),
            one,
          )
          cursor = ((await res.json()) as ListCommentsResponse).nextCursor
          if (!cursor) throw new Error(`the ${which} of ${sort} has no next cursor`)
        }
      }
      const topLevel = await measure('post (top-level)', () => postComment(app, 'A new top-level comment'), {
        ok: (n) => n <= 2,
        text: '≤ 2',
      })
      const reply = await measure('post (reply)', () => postComment(app, 'A reply', seeded[0]?.comment.id))
      const { token } = await deps.auth.sessions.issue(
        {
          userId: 'bench-reader',
          siteId: SITE_ID,
          providerId: 'google',
          providerType: 'google',
          subject: 'bench-reader',
          name: 'Reader',
          avatar: null,
        },
        Date.now(),
      )
      const like = (id: string | undefined) =>
        call(`${base}/comments/${id}/reactions/like`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${token}` },
        })
      await measure('like (a reply)', () => like(reply.comment.id))
      await measure('like (a root, 1 reply)', () => like(seeded[0]?.comment.id))
      await measure('like (a root, no replies)', () => like(seeded[1]?.comment.id))
      const pages = Array.from({ length: 50 }, (_, i) => (i === 0 ? PAGE : `${ORIGIN}/2026/post-${i}`))
      const countsUrl = `${base}/counts?${pages.map((p) => `page=${encodeURIComponent(p)}`).join('&')}`
      await measure('counts (50 pages)', () => call(countsUrl), { ok: (n) => n === 1, text: '= 1' })

      /** PATCH (with a body) or DELETE of one's own comment, proven by its edit token. */
      const asAuthor = ({ comment, editToken }: PostCommentResponse, body?: unknown) => {
        const headers = { 'X-Edit-Token': editToken ?? '' }
        const url = `${base}/comments/${comment.id}`
        if (body === undefined) return call(url, { method: 'DELETE', headers }, 204)
        return call(url, jsonRequest('PATCH', body, headers))
      }
      await measure('edit', () => asAuthor(topLevel, { body: 'Edited' }))
      await measure('delete (top-level, no replies)', () => asAuthor(topLevel))
      await measure('delete (a reply)', () => asAuthor(reply))

      for (const op of operations) {
        const check = op.budget
          ? `budget ${op.budget.text}: ${verdict(op.budget.ok(op.requests))}`
          : 'report only'
        console.log(`  ${op.name.padEnd(32)} ${String(op.requests).padStart(2)} request(s)   ${check}`)
      }
      const budgeted = operations.filter((op) => op.budget)
      const failed = budgeted.filter((op) => !op.budget?.ok(op.requests))
      return {
        name: 'requests-per-operation',
        figures: operations.map((op) => `${op.name}: ${op.requests}`).join(', '),
        budget: budgeted.map((op) => `${op.name} ${op.budget?.text}`).join(', '),
        pass: failed.length === 0,
      }
    } finally {
      client.destroy()
    }
  })
}

runIfMain(import.meta.url, requestsPerOperation)
