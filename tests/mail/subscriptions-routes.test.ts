import { beforeAll, describe, expect, it } from 'vitest'
import { createMailPreferences } from '../../shared/mail/mail-preferences.js'
import { signMailToken } from '../../shared/mail/mail-token.js'
import { createSubscriptions } from '../../shared/mail/subscriptions.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
  await t.deps.sites.create({ id: 'other', name: 'Other blog', origins: ['https://other.example'] })
})

const session = async (userId: string, siteId = 'demo') => {
  const { token } = await t.deps.auth.sessions.issue(
    {
      userId,
      siteId,
      providerId: 'google',
      providerType: 'google',
      subject: userId,
      name: 'Reader',
      avatar: null,
    },
    t.clock(),
  )
  return { Authorization: `Bearer ${token}` }
}
const list = async (headers: Record<string, string>) =>
  bodyOf(await t.app.request('/v1/sites/demo/me/subscriptions', { headers }), 'listSubscriptions', 200)

describe('a signed-in reader’s subscriptions', () => {
  it('lists the comments whose replies are mailed to them, then stops them all', async () => {
    const subs = createSubscriptions(t.deps.store)
    const now = t.clock()
    await subs.subscribe('demo', { userId: 'u-ada' }, '0000000000aaaaaaa', now)
    await subs.subscribe('demo', { userId: 'u-ada' }, '0000000000bbbbbbb', now + 1000)
    await subs.subscribe('demo', { userId: 'u-bob' }, '0000000000ccccccc', now)
    await subs.subscribe('other', { userId: 'u-ada' }, '0000000000ddddddd', now)
    const ada = await session('u-ada')
    expect((await list(ada)).subscriptions).toEqual([
      { commentId: '0000000000aaaaaaa', since: new Date(now).toISOString() },
      { commentId: '0000000000bbbbbbb', since: new Date(now + 1000).toISOString() },
    ])
    const stop = await t.app.request('/v1/sites/demo/me/subscriptions', { method: 'DELETE', headers: ada })
    expect(stop.status).toBe(204)
    expect((await list(ada)).subscriptions).toEqual([])
    expect((await list(await session('u-bob'))).subscriptions).toHaveLength(1)
    expect(await subs.isSubscribed('other', { userId: 'u-ada' }, '0000000000ddddddd')).toBe(true)
    // Stopping again, or twice at once, is still 204.
    const again = await Promise.all(
      [1, 2].map(() => t.app.request('/v1/sites/demo/me/subscriptions', { method: 'DELETE', headers: ada })),
    )
    expect(again.map((r) => r.status)).toEqual([204, 204])
  })

  it('end when the reader follows the unsubscribe link of a reply mail', async () => {
    const person = { userId: 'u-carol' }
    await createSubscriptions(t.deps.store).subscribe('demo', person, '0000000000eeeeeee', t.clock())
    const token = await signMailToken(
      t.deps.keys,
      { purpose: 'unsubscribe', siteId: 'demo', person, kind: 'replies' },
      t.clock(),
    )
    const res = await t.app.request(`/v1/mail/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(res.status).toBe(200)
    expect((await list(await session('u-carol'))).subscriptions).toEqual([])
    expect((await createMailPreferences(t.deps.store).get('demo', person)).stopped.replies).toBe(t.clock())
  })

  it('is 401 unauthenticated without a session, invalid-token with another site’s', async () => {
    for (const method of ['GET', 'DELETE']) {
      const none = await t.app.request('/v1/sites/demo/me/subscriptions', { method })
      expect((await problemOf(none, 401)).code).toBe('unauthenticated')
      const other = await t.app.request('/v1/sites/demo/me/subscriptions', {
        method,
        headers: await session('u-ada', 'other'),
      })
      expect((await problemOf(other, 401)).code).toBe('invalid-token')
    }
  })
})
