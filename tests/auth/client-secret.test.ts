import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { readClientSecret } from '../../shared/auth/oauth/client-secrets.js'
import { openSecret } from '../../shared/crypto/stored-secrets.js'
import { clientSecretKey } from '../../shared/db/item-keys.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, jsonRequest, ORIGIN, type TestApp } from '../helpers/test-app.js'

const SECRET = 'gh-secret-Zq8vN3kT5wL0pR7yB2mX'
const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })
const github = (extra: Record<string, unknown> = {}) => ({
  id: 'gh',
  type: 'github',
  clientId: 'Iv1.0123456789abcdef',
  ...extra,
})
const site = (providers: unknown[]) => ({ id: 'secrets', name: 'Secrets', origins: [ORIGIN], providers })

async function setup(options: { storeDeadlineMs?: number } = {}) {
  const t = await createTestApp(options)
  const post = (body: unknown) =>
    t.app.request('/v1/admin/sites', jsonRequest('POST', body, bearer(t.adminKey)))
  const put = (body: unknown) =>
    t.app.request('/v1/admin/sites/secrets', jsonRequest('PUT', body, bearer(t.adminKey)))
  const get = () => t.app.request('/v1/admin/sites/secrets', { headers: bearer(t.adminKey) })
  const stored = () => readClientSecret(t.deps.store, t.deps.keys, 'secrets', 'gh')
  return { ...t, post, put, get, stored }
}

const text = async (res: Response | Promise<Response>) => (await res).text()

const rawItem = async (t: TestApp) =>
  (await t.client.send(new GetCommand({ TableName: t.tableName, Key: clientSecretKey('secrets', 'gh') })))
    .Item

describe('a provider’s clientSecret is write-only', () => {
  it('stores it sealed and answers "set": never in a response, the export, the OpenAPI document or a log', async () => {
    const t = await setup()
    const created = await bodyOf(await t.post(site([github({ clientSecret: SECRET })])), 'createSite', 201)
    expect(created.providers[0]).toEqual(github({ clientSecret: 'set' }))
    // Sealed with AES-GCM, bound to this site and provider: another binding does not open it.
    const item = await rawItem(t)
    expect(String(item?.sealed)).toMatch(/^v1\./)
    expect(openSecret(t.deps.keys, String(item?.sealed), 'client-secret:secrets:gh')).toBe(SECRET)
    expect(() => openSecret(t.deps.keys, String(item?.sealed), 'client-secret:secrets:other')).toThrow(
      TypeError,
    )
    expect(await t.stored()).toBe(SECRET)

    const read = await bodyOf(await t.get(), 'getSite', 200)
    expect(read.providers[0]).toEqual(github({ clientSecret: 'set' }))
    const answers = [
      await text(t.post(site([github({ clientSecret: SECRET })]))),
      await text(t.get()),
      await text(t.app.request('/v1/admin/sites', { headers: bearer(t.adminKey) })),
      await text(t.put(read)),
      await text(t.app.request('/v1/admin/sites/secrets/export', { headers: bearer(t.adminKey) })),
      await text(t.app.request('/v1/admin/sites/secrets/audit', { headers: bearer(t.adminKey) })),
      await text(t.app.request('/v1/sites/secrets/auth/providers')),
      await text(t.app.request('/v1/openapi.json')),
      JSON.stringify(t.logs),
    ]
    for (const text of answers) expect(text).not.toContain(SECRET)
    // Not in the clear anywhere in the table: the config item holds only "set".
    expect(JSON.stringify(await tableItems(t))).not.toContain(SECRET)
  })

  it('keeps the stored secret when a PUT sends "set" back or leaves it out, and replaces it when given a new one', async () => {
    const t = await setup()
    await t.post(site([github({ clientSecret: SECRET })]))
    expect((await t.put(site([github({ clientSecret: 'set' })]))).status).toBe(200)
    expect(await t.stored()).toBe(SECRET)
    expect((await t.put(site([github()]))).status).toBe(200)
    expect(await t.stored()).toBe(SECRET)
    const replaced = await t.put(site([github({ clientSecret: 'rotated-secret-0001' })]))
    expect((await bodyOf(replaced, 'replaceSite', 200)).providers[0]).toMatchObject({ clientSecret: 'set' })
    expect(await t.stored()).toBe('rotated-secret-0001')
  })

  it('forgets the secret of a removed provider, so one added again under its id needs a secret', async () => {
    const t = await setup()
    await t.post(site([github({ clientSecret: SECRET })]))
    expect((await t.put(site([]))).status).toBe(200)
    expect(await rawItem(t)).toBeUndefined()
    const again = await t.put(site([github({ clientSecret: 'set' })]))
    expect(again.status).toBe(400)
    expect(await problemOf(again)).toMatchObject({ code: 'validation' })
  })

  it.each([
    ['a new GitHub provider without a secret', [github()], '#/providers/0/clientSecret'],
    [
      'a new WordPress.com provider without a secret',
      [{ id: 'wp', type: 'wordpress', clientId: 'w' }],
      '#/providers/0/clientSecret',
    ],
    ['"set" when no secret is stored', [github({ clientSecret: 'set' })], '#/providers/0/clientSecret'],
    ['an empty secret', [github({ clientSecret: '' })], '#/providers/0/clientSecret'],
    [
      'a secret over 512 characters',
      [github({ clientSecret: 'x'.repeat(513) })],
      '#/providers/0/clientSecret',
    ],
    [
      'a secret that is not a string',
      [github({ clientSecret: { $ne: null } })],
      '#/providers/0/clientSecret',
    ],
    [
      'two providers of one id, each with a secret',
      [github({ clientSecret: 'first-secret-0001' }), github({ clientSecret: 'second-secret-0002' })],
      '#/providers',
    ],
    [
      'a Mastodon server that is an IP',
      [{ id: 'mast', type: 'mastodon', servers: ['192.168.1.2'] }],
      '#/providers/0/servers/0',
    ],
  ])('returns 400 validation for %s and stores nothing', async (_name, providers, pointer) => {
    const t = await setup()
    const res = await t.post(site(providers))
    expect(res.status).toBe(400)
    const problem = await problemOf(res)
    expect(problem.code).toBe('validation')
    expect(problem.errors?.map((e) => e.pointer)).toContain(pointer)
    expect((await t.get()).status).toBe(404)
    expect((await tableItems(t)).filter((i) => String(i.pk).startsWith('S#secrets'))).toEqual([])
  })

  it('leaves the stored secret and config untouched when a PUT fails validation', async () => {
    const t = await setup()
    await t.post(site([github({ clientSecret: SECRET })]))
    const res = await t.put({
      ...site([github({ clientSecret: 'new-secret-0002' })]),
      origins: ['not an origin'],
    })
    expect(res.status).toBe(400)
    expect(await t.stored()).toBe(SECRET)
    expect((await bodyOf(await t.get(), 'getSite', 200)).origins).toEqual([ORIGIN])
  })

  it('lets an X provider have no secret (a public client) and offers it with its client id only', async () => {
    const t = await setup()
    const created = await bodyOf(
      await t.post(site([{ id: 'xp', type: 'x', clientId: 'x-app' }])),
      'createSite',
      201,
    )
    expect(created.providers[0]).toEqual({ id: 'xp', type: 'x', clientId: 'x-app' })
    const offered = await bodyOf(
      await t.app.request('/v1/sites/secrets/auth/providers'),
      'authProviders',
      200,
    )
    expect(offered.providers).toEqual([{ id: 'xp', type: 'x', name: 'X', clientId: 'x-app' }])
  })

  it('stores exactly one of the secrets concurrent saves send, with the config saying "set"', async () => {
    const t = await setup({ storeDeadlineMs: 20_000 })
    await t.post(site([github({ clientSecret: SECRET })]))
    const secrets = Array.from({ length: 8 }, (_, i) => `concurrent-secret-${i}-0123456789`)
    const answers = await Promise.all(
      secrets.map((secret) => t.put(site([github({ clientSecret: secret })]))),
    )
    expect(answers.map((r) => r.status)).toEqual(secrets.map(() => 200))
    expect(secrets).toContain(await t.stored())
    expect((await bodyOf(await t.get(), 'getSite', 200)).providers[0]).toMatchObject({ clientSecret: 'set' })
    const sealedItems = (await tableItems(t)).filter((i) => String(i.pk).includes('#OAUTH#'))
    expect(sealedItems).toHaveLength(1)
  })
})
