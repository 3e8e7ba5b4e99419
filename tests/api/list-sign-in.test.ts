import { describe, expect, it } from 'vitest'
import { answerOf } from '../helpers/route-contract.js'
import { createTestApp, listComments, PAGE, postAsGuest, type TestAppOptions } from '../helpers/test-app.js'

type Providers = NonNullable<NonNullable<TestAppOptions['site']>['providers']>

const providers: Providers = [
  { id: 'google', type: 'google', clientId: '1234.apps.googleusercontent.com' },
  { id: 'corp', type: 'oidc', issuer: 'https://login.example.com', clientId: 'parley', name: 'Corp' },
]

describe('GET /v1/sites/{site}/comments: the sign-in options with the first page', () => {
  it('answers the first page with exactly what auth/providers answers, so a widget needs one request', async () => {
    const { app } = await createTestApp({
      site: { providers, guests: { allowed: true, requireEmail: true } },
    })
    const { res, body } = await listComments(app)
    expect(res.status).toBe(200)
    const alone = await answerOf(await app.request('/v1/sites/demo/auth/providers'), 'authProviders', 200)
    const { formToken, ...options } = alone.body
    expect(body.signIn).toEqual(options)
    expect(body.signIn).toEqual({
      providers: [
        { id: 'google', type: 'google', name: 'Google', clientId: '1234.apps.googleusercontent.com' },
        { id: 'corp', type: 'oidc', name: 'Corp', clientId: 'parley' },
      ],
      guests: { allowed: true, requireEmail: true },
    })
  })

  it('keeps the contract’s fields as they were and leaves the options out of later pages', async () => {
    const { app } = await createTestApp({ site: { providers } })
    for (const body of ['one', 'two', 'three']) await postAsGuest(app, { body })
    const first = (await listComments(app, `page=${encodeURIComponent(PAGE)}&limit=2`)).body
    expect(Object.keys(first).sort()).toEqual(['comments', 'formToken', 'nextCursor', 'page', 'signIn'])
    const query = `page=${encodeURIComponent(PAGE)}&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`
    const { res, body } = await listComments(app, query)
    expect(res.status).toBe(200)
    expect(body.comments).toHaveLength(1)
    expect(body).not.toHaveProperty('signIn')
  })

  it('answers auth/providers with a form token the speed check reads, as the list’s', async () => {
    const t = await createTestApp({ site: { providers } })
    const { res, body } = await answerOf(
      await t.app.request('/v1/sites/demo/auth/providers'),
      'authProviders',
      200,
    )
    expect(res.status).toBe(200)
    expect(body.providers.map((p) => p.id)).toEqual(['google', 'corp'])
    const fast = await postAsGuest(t.app, { body: 'sent at once', formToken: body.formToken })
    expect(fast.body.comment.status).toBe('pending') // held for speed: under 3 s after it was served
    t.clock.advance(4000)
    const typed = await postAsGuest(t.app, { body: 'typed by a person', formToken: body.formToken })
    expect(typed.body.comment.status).toBe('published')
  })

  it('names no secret, moderator or e-mail in the options', async () => {
    const { app } = await createTestApp({
      site: { providers, moderators: [{ provider: 'google', subject: 'moderator-subject-42' }] },
    })
    await postAsGuest(app, { author: { name: 'Ada', email: 'ada@private.example' } })
    const text = JSON.stringify((await listComments(app)).body)
    expect(text).not.toContain('moderator-subject-42')
    expect(text).not.toContain('ada@private.example')
    expect(text).not.toContain('login.example.com') // the issuer is the server's business
  })
})
