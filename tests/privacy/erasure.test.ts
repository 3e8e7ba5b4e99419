import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signInWithGoogle } from '../helpers/google-sign-in.js'
import { type KeyServer, startKeyServer } from '../helpers/key-server.js'
import { bodyOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import {
  createTestApp,
  jsonRequest,
  listComments,
  PAGE,
  postAsGuest,
  type TestApp,
} from '../helpers/test-app.js'

let ks: KeyServer
let t: TestApp
const admin = () => ({ Authorization: `Bearer ${t.adminKey}` })

beforeAll(async () => {
  ks = await startKeyServer()
  t = await createTestApp({
    providerEndpoints: ks.endpoints,
    site: {
      limits: { commentsPerMinutePerIp: 100 },
      providers: [{ id: 'google', type: 'google', clientId: 'g-client' }],
    },
  })
})
afterAll(() => ks.close())

const signIn = (sub: string) => signInWithGoogle(t, ks, sub)
const everything = async () => JSON.stringify(await tableItems(t))
const adminView = async () =>
  JSON.stringify(
    await Promise.all(
      ['published', 'deleted'].map(async (s) =>
        bodyOf(
          await t.app.request(`/v1/admin/sites/demo/comments?status=${s}`, { headers: admin() }),
          'queue',
          200,
        ),
      ),
    ),
  )

describe('a signed-in reader’s own data', () => {
  it('shows everything stored about them, then erases it: profile gone, comments anonymised', async () => {
    const { token, user } = await signIn('erin')
    const bearer = { Authorization: `Bearer ${token}` }
    for (const body of ['first words', 'second words']) {
      t.clock.advance(1000)
      await t.app.request('/v1/sites/demo/comments', jsonRequest('POST', { page: PAGE, body }, bearer))
    }
    const data = await bodyOf(
      await t.app.request('/v1/sites/demo/me/data', { headers: bearer }),
      'personalData',
      200,
    )
    expect(data.profile).toMatchObject({
      id: user.id,
      name: 'Reader erin',
      email: 'erin@example.com',
      provider: 'google',
    })
    expect(data.comments.map((c: { body: string }) => c.body).sort()).toEqual(['first words', 'second words'])

    expect((await t.app.request('/v1/sites/demo/me', { method: 'DELETE', headers: bearer })).status).toBe(204)
    const { body } = await listComments(t.app)
    const erased = body.comments.filter((c: { html: string }) => c.html.includes('words'))
    expect(erased).toHaveLength(2)
    expect(erased.every((c: { author: unknown }) => c.author === null)).toBe(true)
    expect(await everything()).not.toContain('erin@example.com')
    expect(await everything()).not.toContain('Reader erin')
    expect(await adminView()).not.toContain('Reader erin')
    const audit = await bodyOf(
      await t.app.request('/v1/admin/sites/demo/audit?limit=5', { headers: admin() }),
      'audit',
      200,
    )
    expect(audit.entries[0]).toMatchObject({
      action: 'erase',
      actor: `user:${user.id}`,
      detail: { comments: 2 },
    })
  })

  it('deletes the text too with ?comments=delete, keeping threads intact', async () => {
    const { token } = await signIn('dora')
    const bearer = { Authorization: `Bearer ${token}` }
    const mine = await bodyOf(
      await t.app.request(
        '/v1/sites/demo/comments',
        jsonRequest('POST', { page: PAGE, body: 'dora was here' }, bearer),
      ),
      'postComment',
      201,
    )
    await postAsGuest(t.app, { body: 'a reply to dora', parentId: mine.comment.id })
    await t.app.request('/v1/sites/demo/me?comments=delete', { method: 'DELETE', headers: bearer })
    const { body } = await listComments(t.app)
    expect(body.comments.find((c: { id: string }) => c.id === mine.comment.id)).toMatchObject({
      deleted: true,
      html: '',
      author: null,
    })
    expect(await everything()).not.toContain('dora was here')
  })

  it('returns 401 without a session', async () => {
    expect((await t.app.request('/v1/sites/demo/me/data')).status).toBe(401)
    expect((await t.app.request('/v1/sites/demo/me', { method: 'DELETE' })).status).toBe(401)
  })
})

describe('POST /v1/admin/sites/:siteId/erase', () => {
  it('anonymises a guest’s comments by e-mail (any case) and reports how many', async () => {
    for (const body of ['guest one', 'guest two']) {
      await postAsGuest(t.app, {
        body,
        author: { name: 'Gus Guest', email: 'Gus@Example.com', website: 'https://gus.example' },
      })
    }
    const res = await t.app.request(
      '/v1/admin/sites/demo/erase',
      jsonRequest('POST', { email: 'gus@example.com' }, admin()),
    )
    expect(await res.json()).toEqual({ erased: 2 })
    for (const trace of ['Gus Guest', 'Gus@Example.com', 'gus.example']) {
      expect(await everything()).not.toContain(trace)
      expect(await adminView()).not.toContain(trace)
    }
    expect(
      (
        await t.app.request(
          '/v1/admin/sites/demo/erase',
          jsonRequest('POST', { email: 'not-an-email' }, admin()),
        )
      ).status,
    ).toBe(400)
  })
})
