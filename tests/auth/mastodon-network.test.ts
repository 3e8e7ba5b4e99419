import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MastodonNetwork, resolveServer } from '../../shared/auth/mastodon/mastodon-network.js'
import {
  createServerFetch,
  MAX_SERVER_ANSWER_BYTES,
  ServerFetchError,
} from '../../shared/auth/mastodon/server-fetch.js'
import { failureOf } from '../helpers/failure-of.js'
import { testNetwork } from '../webhooks/network.js'

// A loopback server whose every path answers as the test asks: how a server may misbehave.
let receiver: Server
let port: number
const seen: { host: string | undefined; path: string | undefined }[] = []
beforeAll(async () => {
  receiver = createServer((req, res) => {
    seen.push({ host: req.headers.host, path: req.url })
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/' })
      return res.end()
    }
    if (req.url === '/big') return res.end('x'.repeat(MAX_SERVER_ANSWER_BYTES + 1))
    if (req.url === '/slow') return void res.write('{') // never ends
    res.setHeader('content-type', 'application/json')
    res.end('{"ok":true}')
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  port = (receiver.address() as AddressInfo).port
})
afterAll(
  () =>
    new Promise<void>((resolve) => {
      receiver.closeAllConnections()
      receiver.close(() => resolve())
    }),
)

const network = (): MastodonNetwork => {
  const { network: resolver } = testNetwork({
    'mastodon.example': ['93.184.216.34'],
    'mastodon6.example': ['2606:2800:220:1:248:1893:25c8:1946'],
    'private.example': ['10.0.0.7'],
    'cgnat.example': ['100.64.1.2'],
    'metadata.example': ['169.254.169.254'],
    'ula.example': ['fd00:ec2::254'],
    'linklocal.example': ['fe80::1'],
    'loopback.example': ['127.0.0.1'],
    'rebind.example': ['93.184.216.34', '127.0.0.1'],
    'mapped.example': ['::ffff:192.168.1.1'],
    'mastodon.test': ['127.0.0.1'],
    'stray.test': ['93.184.216.34'],
  })
  return {
    lookup: resolver.lookup,
    loopbackServers: { 'mastodon.test': `http://mastodon.test:${port}`, 'stray.test': 'http://stray.test:1' },
  }
}

describe('resolveServer', () => {
  it('answers a public server with its https origin and the address checked', async () => {
    const server = await resolveServer('mastodon.example', network())
    expect(server).toMatchObject({
      host: 'mastodon.example',
      origin: 'https://mastodon.example',
      address: '93.184.216.34',
      family: 4,
    })
    expect((await resolveServer('mastodon6.example', network())).family).toBe(6)
  })

  it.each([
    'private.example',
    'cgnat.example',
    'metadata.example',
    'ula.example',
    'linklocal.example',
    'loopback.example',
    'rebind.example',
    'mapped.example',
  ])('refuses %s, which resolves off the public internet, as validation on #/server', async (host) => {
    expect(await failureOf(resolveServer(host, network()))).toMatchObject({
      code: 'validation',
      errors: [{ pointer: '#/server' }],
    })
  })

  it('refuses a name that does not resolve as validation on #/server', async () => {
    expect(await failureOf(resolveServer('nowhere.example', network()))).toMatchObject({
      code: 'validation',
      errors: [{ pointer: '#/server', detail: expect.stringContaining('does not resolve') }],
    })
  })

  it('refuses IP literals before asking the resolver', async () => {
    const { network: resolver, lookups } = testNetwork()
    for (const typed of ['127.0.0.1', '[::1]', '2130706433', '169.254.169.254'])
      expect(await failureOf(resolveServer(typed, { lookup: resolver.lookup }))).toMatchObject({
        code: 'validation',
      })
    expect(lookups).toEqual([])
  })

  it('reaches a test server on loopback only when the network names it, and only on loopback', async () => {
    expect(await resolveServer('mastodon.test', network())).toMatchObject({
      origin: `http://mastodon.test:${port}`,
      address: '127.0.0.1',
    })
    expect(await failureOf(resolveServer('stray.test', network()))).toMatchObject({ code: 'validation' })
    const { loopbackServers: _, ...production } = network()
    expect(await failureOf(resolveServer('mastodon.test', production))).toMatchObject({ code: 'validation' })
  })
})

describe('createServerFetch', () => {
  const serverFetch = async (limits?: { timeoutMs: number }) =>
    createServerFetch(await resolveServer('mastodon.test', network()), limits)

  it('connects to the checked address with the server’s own Host', async () => {
    const res = await (await serverFetch())(`http://mastodon.test:${port}/api/v1/instance`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(seen.at(-1)).toEqual({ host: `mastodon.test:${port}`, path: '/api/v1/instance' })
  })

  it('follows no redirect', async () => {
    const err = await failureOf((await serverFetch())(`http://mastodon.test:${port}/redirect`))
    expect(err).toBeInstanceOf(ServerFetchError)
    expect(err).toMatchObject({ reason: 'redirect' })
  })

  it('answers a redirect without following it when the caller handles redirects itself', async () => {
    const res = await (await serverFetch())(`http://mastodon.test:${port}/redirect`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(seen.at(-1)?.path).toBe('/redirect')
  })

  it('stops reading an answer over the limit', async () => {
    expect(await failureOf((await serverFetch())(`http://mastodon.test:${port}/big`))).toMatchObject({
      reason: 'oversized',
    })
  })

  it('gives up on a server that never finishes its answer', async () => {
    const started = Date.now()
    const err = await failureOf((await serverFetch({ timeoutMs: 300 }))(`http://mastodon.test:${port}/slow`))
    expect(err).toMatchObject({ reason: 'timeout' })
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('refuses any origin but the server’s', async () => {
    const fetchIt = await serverFetch()
    const before = seen.length
    for (const url of [`http://127.0.0.1:${port}/`, 'https://mastodon.test/', `http://evil.test:${port}/`])
      expect(await failureOf(fetchIt(url))).toMatchObject({ reason: 'origin' })
    expect(seen.length).toBe(before)
  })
})
