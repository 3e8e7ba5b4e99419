import { describe, expect, it } from 'vitest'
import { problemOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, freshIp, guestComment, jsonRequest, postAsGuest } from '../helpers/test-app.js'

const commentItems = async (t: Awaited<ReturnType<typeof createTestApp>>) =>
  (await tableItems(t)).filter((i) => i.sk === 'C')

describe('notify on a posted comment', () => {
  it('is kept on the comment item with a guest address, and shown in no answer', async () => {
    const t = await createTestApp()
    const res = await t.app.request(
      '/v1/sites/demo/comments',
      jsonRequest(
        'POST',
        guestComment({ author: { name: 'Ada', email: 'ada@readers.example' }, notify: true }),
        {
          'x-test-client-ip': freshIp(),
        },
      ),
    )
    expect(res.status).toBe(201)
    const text = await res.text()
    expect(text).not.toContain('ada@readers.example')
    expect(text).not.toContain('notify')
    const [item] = await commentItems(t)
    expect(item?.notify).toBe(true)
    const list = await t.app.request(
      `/v1/sites/demo/comments?page=${encodeURIComponent(String(item?.pageUrl))}`,
    )
    expect(await list.text()).not.toMatch(/notify|ada@readers/)
  })

  it('is dropped without an address to mail, and absent when not asked for', async () => {
    const t = await createTestApp()
    await postAsGuest(t.app, { notify: true })
    await postAsGuest(t.app, {
      author: { name: 'Bo', email: 'bo@readers.example' },
      notify: false,
      body: 'two',
    })
    await postAsGuest(t.app, { author: { name: 'Cy', email: 'cy@readers.example' }, body: 'three' })
    const items = await commentItems(t)
    expect(items).toHaveLength(3)
    expect(items.every((i) => !('notify' in i))).toBe(true)
  })

  it.each([['yes'], [1], [{}], [null], ['true']])(
    'answers 400 validation for notify %j and writes nothing',
    async (notify) => {
      const t = await createTestApp()
      const before = await tableItems(t)
      const res = await t.app.request(
        '/v1/sites/demo/comments',
        jsonRequest('POST', guestComment({ author: { name: 'Ada', email: 'ada@readers.example' }, notify }), {
          'x-test-client-ip': freshIp(),
        }),
      )
      expect((await problemOf(res, 400)).code).toBe('validation')
      expect(await tableItems(t)).toEqual(before)
    },
  )

  it('keeps notify on every one of many concurrent posts, each written whole', async () => {
    // The whole suite shares one DynamoDB Local: under its load a write may outlast the Lambda's deadline.
    const t = await createTestApp({
      site: { limits: { commentsPerMinutePerIp: 100 } },
      storeDeadlineMs: 20_000,
    })
    const posts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postAsGuest(t.app, {
          body: `concurrent ${i}`,
          author: { name: 'N', email: `n${i}@readers.example` },
          notify: true,
        }),
      ),
    )
    expect(posts.map((p) => p.res.status)).toEqual(posts.map(() => 201))
    const items = await commentItems(t)
    expect(items).toHaveLength(12)
    expect(items.every((i) => i.notify === true && typeof i.author === 'object')).toBe(true)
  })

  it('goes with the address when the guest is erased', async () => {
    const t = await createTestApp()
    await postAsGuest(t.app, { author: { name: 'Gus', email: 'gus@readers.example' }, notify: true })
    const res = await t.app.request(
      '/v1/admin/sites/demo/erase',
      jsonRequest('POST', { email: 'gus@readers.example' }, { Authorization: `Bearer ${t.adminKey}` }),
    )
    expect(res.status).toBe(200)
    const [item] = await commentItems(t)
    expect(item?.author).toBeNull()
    expect(item && 'notify' in item).toBe(false)
  })
})
