import { GetCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { webhookSecretKey } from '../../shared/db/item-keys.js'
import { readWebhookSecret } from '../../shared/webhooks/webhook-secrets.js'
import { bodyOf, problemOf } from '../helpers/route-contract.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, jsonRequest, ORIGIN, type TestApp } from '../helpers/test-app.js'
import { HOSTS, testNetwork } from './network.js'

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })
const hook = (id: string, url: string, extra: Record<string, unknown> = {}) => ({
  id,
  url,
  events: ['comment.created'],
  ...extra,
})
const site = (webhooks: unknown[], id = 'hooked') => ({
  id,
  name: 'Hooked',
  origins: [ORIGIN],
  notifications: { webhooks },
})

async function setup() {
  const t = await createTestApp({ webhookNetwork: testNetwork(HOSTS).network })
  const post = (body: unknown) =>
    t.app.request('/v1/admin/sites', jsonRequest('POST', body, bearer(t.adminKey)))
  const put = (id: string, body: unknown) =>
    t.app.request(`/v1/admin/sites/${id}`, jsonRequest('PUT', body, bearer(t.adminKey)))
  const get = async (id: string) =>
    bodyOf(await t.app.request(`/v1/admin/sites/${id}`, { headers: bearer(t.adminKey) }), 'getSite', 200)
  return { ...t, post, put, get }
}

const secretItem = (t: TestApp, siteId: string, webhookId: string) =>
  t.client.send(new GetCommand({ TableName: t.tableName, Key: webhookSecretKey(siteId, webhookId) }))

describe('webhooks in a site config', () => {
  it('answers a new webhook its whsec_ secret once: never in GET, the list, the export or the logs', async () => {
    const t = await setup()
    const created = await bodyOf(
      await t.post(site([hook('h1', 'https://hooks.example/in')])),
      'createSite',
      201,
    )
    const secret = created.notifications.webhooks[0]?.secret ?? ''
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32)
    expect(await readWebhookSecret(t.deps.store, t.deps.keys, 'hooked', 'h1')).toBe(secret)

    const read = await t.get('hooked')
    expect(read.notifications.webhooks[0]).toEqual({
      id: 'h1',
      url: 'https://hooks.example/in',
      events: ['comment.created'],
      format: 'standard',
    })
    const list = await t.app.request('/v1/admin/sites', { headers: bearer(t.adminKey) })
    const exported = await t.app.request('/v1/admin/sites/hooked/export', { headers: bearer(t.adminKey) })
    const replaced = await t.put('hooked', read)
    expect(replaced.status).toBe(200)
    const answered = [await list.text(), await exported.text(), await replaced.text(), JSON.stringify(t.logs)]
    for (const text of answered) expect(text).not.toContain(secret.slice(6))
    // Stored sealed: the table holds the secret nowhere in the clear.
    expect(JSON.stringify(await tableItems(t))).not.toContain(secret.slice(6))
  })

  it('answers the secret of the webhook a PUT adds, and only that one', async () => {
    const t = await setup()
    await t.post(site([hook('h1', 'https://hooks.example/a')]))
    const before = await t.get('hooked')
    const res = await t.put('hooked', {
      ...before,
      notifications: {
        webhooks: [hook('h1', 'https://hooks.example/a'), hook('h2', 'https://hooks.example/b')],
      },
    })
    const saved = await bodyOf(res, 'replaceSite', 200)
    expect(saved.notifications.webhooks.map((w) => [w.id, w.secret?.startsWith('whsec_') ?? false])).toEqual([
      ['h1', false],
      ['h2', true],
    ])
  })

  it('forgets the secret of a removed webhook, so one added again under its id gets a new one', async () => {
    const t = await setup()
    const first = await bodyOf(await t.post(site([hook('h1', 'https://hooks.example/a')])), 'createSite', 201)
    await t.put('hooked', site([]))
    expect((await secretItem(t, 'hooked', 'h1')).Item).toBeUndefined()
    const again = await bodyOf(
      await t.put('hooked', site([hook('h1', 'https://hooks.example/a')])),
      'replaceSite',
      200,
    )
    expect(again.notifications.webhooks[0]?.secret).toMatch(/^whsec_/)
    expect(again.notifications.webhooks[0]?.secret).not.toBe(first.notifications.webhooks[0]?.secret)
  })

  it.each([
    ['a private address', 'https://private.example/in'],
    ['the metadata address', 'https://metadata.example/in'],
    ['the IPv6 metadata address', 'https://metadata6.example/in'],
    ['a rebinding host (public and loopback)', 'https://rebind.example/in'],
    ['an IPv4-mapped private address', 'https://mapped.example/in'],
    ['a literal metadata address', 'https://169.254.169.254/latest/meta-data/'],
    ['a literal private address', 'https://192.168.1.1/'],
    ['a host that does not resolve', 'https://nowhere.example/'],
    ['http on a host that is not loopback', 'http://hooks.example/in'],
    ['credentials in the URL', 'https://user:pw@hooks.example/in'],
    ['a scheme other than https', 'ftp://hooks.example/in'],
  ])('returns 400 validation for %s, and saves nothing', async (_what, url) => {
    const t = await setup()
    const res = await t.post(site([hook('h1', url)]))
    const problem = await problemOf(res, 400)
    expect(problem.code).toBe('validation')
    expect(problem.errors?.map((e) => e.pointer)).toEqual(['#/notifications/webhooks/0/url'])
    expect((await t.app.request('/v1/admin/sites/hooked', { headers: bearer(t.adminKey) })).status).toBe(404)
    expect((await secretItem(t, 'hooked', 'h1')).Item).toBeUndefined()

    // The same URL in a PUT of an existing site: refused, and the stored config unchanged.
    await t.post(site([]))
    const stored = await t.get('hooked')
    expect((await problemOf(await t.put('hooked', site([hook('h1', url)])), 400)).code).toBe('validation')
    expect(await t.get('hooked')).toEqual(stored)
    expect((await secretItem(t, 'hooked', 'h1')).Item).toBeUndefined()
  })

  it('accepts http and https on a loopback host (a developer receiver)', async () => {
    const t = await setup()
    const res = await t.post(
      site([
        hook('h1', 'http://127.0.0.1:9999/in'),
        hook('h2', 'http://localhost:9999/in'),
        hook('h3', 'https://[::1]:9/x'),
      ]),
    )
    expect(res.status).toBe(201)
  })

  it('ignores a secret or failing mark sent in the config: the service keeps its own', async () => {
    const t = await setup()
    const given = 'whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB'
    const hostile = hook('h1', 'https://hooks.example/in', {
      secret: given,
      failing: true,
      failingSince: '2020-01-01T00:00:00.000Z',
    })
    const created = await bodyOf(await t.post(site([hostile])), 'createSite', 201)
    expect(created.notifications.webhooks[0]?.secret).not.toBe(given)
    expect(created.notifications.webhooks[0]?.failing).toBeUndefined()
    const stored = (await t.get('hooked')).notifications.webhooks[0]
    expect(stored).not.toHaveProperty('secret')
    expect(stored).not.toHaveProperty('failing')
    expect(await readWebhookSecret(t.deps.store, t.deps.keys, 'hooked', 'h1')).toBe(
      created.notifications.webhooks[0]?.secret,
    )
  })

  it('returns 400 validation for six webhooks, duplicate ids, an oversized URL or an unknown event', async () => {
    const t = await setup()
    const six = Array.from({ length: 6 }, (_, i) => hook(`h${i}`, 'https://hooks.example/in'))
    const cases = [
      six,
      [hook('h1', 'https://hooks.example/a'), hook('h1', 'https://hooks.example/b')],
      [hook('h1', `https://hooks.example/${'x'.repeat(2100)}`)],
      [{ ...hook('h1', 'https://hooks.example/a'), events: ['comment.exploded'] }],
      [{ ...hook('h1', 'https://hooks.example/a'), format: 'teams' }],
    ]
    for (const webhooks of cases) {
      const problem = await problemOf(await t.post(site(webhooks)), 400)
      expect(problem.code).toBe('validation')
    }
    expect((await tableItems(t)).filter((i) => String(i.pk).includes('hooked'))).toEqual([])
  })

  it('answers one secret when two saves race to add the same webhook, and that one is stored', async () => {
    const t = await setup()
    await t.post(site([]))
    const body = site([hook('h1', 'https://hooks.example/in')])
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.put('hooked', body)))
    const saved = await Promise.all(answers.map((res) => bodyOf(res, 'replaceSite', 200)))
    const secrets = saved.map((s) => s.notifications.webhooks[0]?.secret).filter((s) => s !== undefined)
    expect(secrets).toHaveLength(1)
    expect(await readWebhookSecret(t.deps.store, t.deps.keys, 'hooked', 'h1')).toBe(secrets[0])
  })
})
