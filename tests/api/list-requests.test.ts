import { beforeAll, describe, expect, it } from 'vitest'
import { problemOf } from '../helpers/route-contract.js'
import { createTestApp, listComments, PAGE, postAsGuest, type TestApp } from '../helpers/test-app.js'

let t: TestApp
/** The DynamoDB commands the app sent (retries included), by name, since the last `sent.length = 0`. */
const sent: string[] = []

beforeAll(async () => {
  t = await createTestApp()
  t.client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName))
      return next(args)
    },
    { step: 'finalizeRequest', name: 'recordCommands' },
  )
  for (let i = 0; i < 7; i++) {
    t.clock.advance(1000)
    expect((await postAsGuest(t.app, { body: `Comment ${i}` })).res.status).toBe(201)
  }
  await listComments(t.app) // the site's config is cached from here on
})

describe('listing requests', () => {
  for (const sort of ['oldest', 'newest', 'top'] as const) {
    it(`reads every page of the ${sort} sort, first or later, in exactly one Query`, async () => {
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        sent.length = 0
        const { res, body } = await listComments(
          t.app,
          `page=${encodeURIComponent(PAGE)}&sort=${sort}&limit=2${after}`,
        )
        expect(res.status).toBe(200)
        expect(sent).toEqual(['QueryCommand'])
        // Every page tells the page's count, not only the first that reads the page's own item.
        expect(body.page.commentCount).toBe(7)
        seen.push(...body.comments.map((c: { id: string }) => c.id))
        cursor = body.nextCursor
        pages++
      } while (cursor)
      expect(pages).toBe(4)
      expect(new Set(seen).size).toBe(7)
    })
  }

  it('refuses a cursor whose carried count was changed', async () => {
    const { body } = await listComments(t.app, `page=${encodeURIComponent(PAGE)}&limit=2`)
    const [payload, mac] = String(body.nextCursor).split('.')
    const state = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())
    expect(state.at(-1)).toBe(7)
    const forged = Buffer.from(JSON.stringify([...state.slice(0, -1), 1000])).toString('base64url')
    const res = await t.app.request(
      `/v1/sites/demo/comments?page=${encodeURIComponent(PAGE)}&limit=2&cursor=${encodeURIComponent(`${forged}.${mac}`)}`,
    )
    expect(res.status).toBe(400)
    expect((await problemOf(res, 400)).errors?.[0]?.pointer).toBe('#/cursor')
  })
})
