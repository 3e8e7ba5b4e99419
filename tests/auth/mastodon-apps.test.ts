import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMastodonApps } from '../../shared/auth/mastodon/mastodon-apps.js'
import { type MastodonNetwork, resolveServer } from '../../shared/auth/mastodon/mastodon-network.js'
import { registerOrReuseApp } from '../../shared/auth/mastodon/register-app.js'
import { failureOf } from '../helpers/failure-of.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { testNetwork } from '../webhooks/network.js'
import { startTestMastodon, type TestMastodon } from './mastodon-test-server.js'

const CALLBACK = 'https://api.parley.test/v1/sites/demo/auth/masto/callback'
const shown = { name: 'Demo blog', website: 'https://blog.example' }

let masto: TestMastodon
let t: TestApp
let network: MastodonNetwork

beforeAll(async () => {
  masto = await startTestMastodon()
  network = {
    lookup: testNetwork({ 'mastodon.test': ['127.0.0.1'] }).network.lookup,
    loopbackServers: { 'mastodon.test': masto.origin },
  }
  // Twelve racing registrations share the suite's one DynamoDB Local.
  t = await createTestApp({ storeDeadlineMs: 20_000 })
})
afterAll(() => masto.close())

describe('the registry of Parley’s apps on Mastodon servers', () => {
  it('registers once per server and callback URL, keeps the secret sealed, and reuses it after', async () => {
    const apps = createMastodonApps(t.deps.store, t.deps.keys)
    const server = await resolveServer('mastodon.test', network)
    const scope = { siteId: 'demo', server: server.host, redirectUri: CALLBACK }
    const first = await registerOrReuseApp(apps, server, scope, { shown, now: t.clock() })
    const again = await registerOrReuseApp(apps, server, scope, { shown, now: t.clock() })

    expect(again).toEqual(first)
    expect(masto.registrations).toEqual([{ clientId: first.clientId, redirectUri: CALLBACK }])
    const stored = JSON.stringify(await tableItems(t))
    expect(stored).toContain(first.clientId)
    expect(stored).not.toContain(first.clientSecret)

    // Another callback URL (another API origin for the same site and provider) is another app.
    const other = await registerOrReuseApp(
      apps,
      server,
      { ...scope, redirectUri: 'http://localhost:8787/v1/sites/demo/auth/masto/callback' },
      { shown, now: t.clock() },
    )
    expect(other.clientId).not.toBe(first.clientId)
    expect(masto.registrations).toHaveLength(2)
  })

  it('keeps one registration when twelve first sign-ins race, and every one of them uses it', async () => {
    const apps = createMastodonApps(t.deps.store, t.deps.keys)
    const server = await resolveServer('mastodon.test', network)
    const scope = { siteId: 'demo', server: server.host, redirectUri: `${CALLBACK}?race` }
    masto.appsDelayMs = 50
    const racers = await Promise.all(
      Array.from({ length: 12 }, () => registerOrReuseApp(apps, server, scope, { shown, now: t.clock() })),
    )
    masto.appsDelayMs = 0
    const kept = await apps.get(scope)
    expect(kept).toBeDefined()
    expect(new Set(racers.map((app) => app.clientId))).toEqual(new Set([kept?.clientId]))
    expect(new Set(racers.map((app) => app.clientSecret))).toEqual(new Set([kept?.clientSecret]))
    const items = (await tableItems(t)).filter((item) => item.sk === `APP#${scope.redirectUri}`)
    expect(items).toHaveLength(1)
  })

  it.each([
    ['redirects its registration', 'redirect'],
    ['answers something that is not Mastodon', 'not-mastodon'],
  ] as const)('refuses a server that %s as validation on #/server, keeping nothing', async (_what, mode) => {
    const apps = createMastodonApps(t.deps.store, t.deps.keys)
    const server = await resolveServer('mastodon.test', network)
    const scope = { siteId: 'demo', server: server.host, redirectUri: `${CALLBACK}?${mode}` }
    masto.apps = mode
    const err = await failureOf(registerOrReuseApp(apps, server, scope, { shown, now: t.clock() }))
    masto.apps = 'ok'
    expect(err).toMatchObject({ code: 'validation', errors: [{ pointer: '#/server' }] })
    expect(await apps.get(scope)).toBeUndefined()
  })

  it('does not open a sealed secret copied onto another registration’s item', async () => {
    const apps = createMastodonApps(t.deps.store, t.deps.keys)
    const server = await resolveServer('mastodon.test', network)
    const scope = { siteId: 'demo', server: server.host, redirectUri: `${CALLBACK}?copy` }
    await registerOrReuseApp(apps, server, scope, { shown, now: t.clock() })
    const [item] = (await tableItems(t)).filter((i) => i.sk === `APP#${scope.redirectUri}`)
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb')
    await t.client.send(
      new PutCommand({ TableName: t.tableName, Item: { ...item, pk: 'S#other#MASTODON#mastodon.test' } }),
    )
    expect(await failureOf(apps.get({ ...scope, siteId: 'other' }))).toBeInstanceOf(TypeError)
  })
})
