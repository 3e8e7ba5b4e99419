import { randomBytes, randomUUID } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildAdminScript } from '../../functions/admin/build.js'
import { buildOpenApiDocument } from '../../functions/api/openapi.js'
import { API_RUNTIME } from '../../infra/constructs/api-function.js'
import { LAMBDA_NODE_VERSION, lambdaNode, majorOf } from '../../infra/lambda-node.js'
import { hmacIp } from '../../shared/crypto/ip-hash.js'
import { deriveKeys } from '../../shared/crypto/keys.js'
import { createDocumentClient } from '../../shared/db/document-client.js'
import { ensureTable } from '../../shared/db/ensure-table.js'
import { tableItems } from '../helpers/table-items.js'
import { httpApiEvent, invokeBundle, type LambdaResult, streamBundle } from './lambda-runner.js'
import { bundledHandler, type Synth, synthesize } from './synth.js'

// The deployable artifact itself: the handler esbuild bundled during `cdk synth`, run in a fresh
// Node process against DynamoDB Local with real HTTP API v2 events.
const ORIGIN = 'https://blog.example'
const PAGE = `${ORIGIN}/2026/hello-world`
const VIEWER_IP = '203.0.113.9'
const EDGE_TOKEN = randomUUID()
const PUBLIC_HOST = 'comments.blog.example'

let synth: Synth
let bundle: string
const endpoint = inject('dynamoEndpoint')
const client = createDocumentClient({ region: 'us-east-1', endpoint })

beforeAll(async () => {
  synth = await synthesize({ cfnValidation: false })
  bundle = await bundledHandler(synth)
  await lambdaNode() // downloaded on the first run
}, 120_000)
afterAll(() => synth?.cleanup())

/** Environment as the construct sets it, with DynamoDB Local instead of AWS's. */
async function lambdaEnv(secretEnv: Record<string, string>) {
  const tableName = `asset-${randomUUID()}`
  await ensureTable(client, tableName)
  return {
    tableName,
    env: {
      AWS_REGION: 'us-east-1',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: endpoint,
      EDGE_TOKEN,
      PUBLIC_HOST,
      ...secretEnv,
    },
  }
}

/** The files a cold start loads: the entry and every chunk it reaches by static `import … from`. */
async function staticImportClosure(entry: string): Promise<string[]> {
  const seen = new Set<string>()
  const visit = async (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const code = await readFile(file, 'utf8')
    // Minified static imports: `import{a as b}from"./chunks/x.mjs"` or `import"./chunks/x.mjs"`.
    for (const [, path] of code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
      if (path) await visit(join(dirname(file), path))
    }
  }
  await visit(entry)
  return [...seen]
}

const edge = { 'x-parley-edge': EDGE_TOKEN }
const json = (r: LambdaResult | undefined) => JSON.parse(r?.body ?? 'null')
const header = (r: LambdaResult | undefined, name: string) => r?.headers?.[name]

describe('the bundled handler', () => {
  it('is a minified ESM entry that leaves what only some requests need in chunks loaded on demand', async () => {
    expect(bundle).toMatch(/asset\.[0-9a-f]{64}\/index\.mjs$/)
    const dir = dirname(bundle)
    const lazy = (await readdir(join(dir, 'chunks'))).filter((f) =>
      /^(on-demand|write-deps|transact|blocklist-entry|render-markdown|html-to-markdown|inlined-[a-z-]+|safe-regex2|webapi)-/.test(
        f,
      ),
    )
    expect(lazy.map((f) => f.replace(/-[A-Z0-9]+\.mjs$/, '')).sort()).toEqual([
      'blocklist-entry', // for saving a site's blocklist
      'html-to-markdown', // parse5, for imports of HTML comments
      'inlined-admin-script', // the moderation page's script, for GET /admin
      'inlined-embed-assets',
      'inlined-openapi',
      'on-demand', // every route but the comments: sign-in, feedback, admin, OpenAPI
      'render-markdown', // micromark, for posts and edits
      'safe-regex2', // for saving a site's blocklist
      'transact', // transactions and their retries, for a comment's first commit
      'webapi', // jose, for sessions and sign-in
      'write-deps', // bans, Akismet, users: for writes, moderators and sign-ins
    ])
    const eager = await staticImportClosure(bundle)
    for (const file of lazy) expect(eager).not.toContain(join(dir, 'chunks', file))
    let bytes = 0
    for (const file of eager) bytes += (await stat(file)).size
    expect(bytes).toBeLessThan(600 * 1024)
  })

  it('does not import node:http at start, whose namespace loads the Fetch API on Node 24', async () => {
    // Lambda's nodejs24.x builds `node:http`'s ESM namespace from getters that load undici (~20 ms);
    // the SDK imports it itself only for an http:// endpoint (DynamoDB Local).
    for (const file of await staticImportClosure(bundle)) {
      expect(await readFile(file, 'utf8')).not.toMatch(/(?:from|import)\s*["']node:http["']/)
    }
  })

  it('does not import node:net at start, whose namespace loads BlockList and SocketAddress', async () => {
    // The edge check reads `isIP` from net's CommonJS exports (`edge-origin.ts`); the SDK loads net itself.
    for (const file of await staticImportClosure(bundle)) {
      expect(await readFile(file, 'utf8')).not.toMatch(/(?:from|import)\s*["']node:net["']/)
    }
  })

  describe('with PARLEY_SECRET (as local mode and tests give it)', () => {
    const secret = randomBytes(32)
    const keys = deriveKeys(secret)
    const admin = { ...edge, authorization: `Bearer ${keys.adminKey}` }
    const browser = { ...edge, origin: ORIGIN }
    let results: LambdaResult[]
    let nodeVersion: string
    let tableName: string

    beforeAll(async () => {
      const setup = await lambdaEnv({ PARLEY_SECRET: secret.toString('base64url') })
      tableName = setup.tableName
      const site = JSON.stringify({ id: 'demo', name: 'Demo blog', origins: [ORIGIN] })
      const comment = JSON.stringify({ page: PAGE, body: 'Hello from **Lambda**', author: { name: 'Ada' } })
      const events = [
        httpApiEvent('POST', '/v1/admin/sites', {
          headers: { ...admin, 'content-type': 'application/json' },
          body: site,
        }),
        httpApiEvent('OPTIONS', '/v1/sites/demo/comments', {
          headers: {
            ...browser,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,idempotency-key',
          },
        }),
        httpApiEvent('POST', '/v1/sites/demo/comments', {
          headers: {
            ...browser,
            'content-type': 'application/json',
            'cloudfront-viewer-address': `${VIEWER_IP}:51234`,
            'user-agent': 'Mozilla/5.0 (test)',
          },
          body: comment,
        }),
        httpApiEvent('GET', '/v1/sites/demo/comments', { headers: browser, query: { page: PAGE } }),
        httpApiEvent('POST', '/v1/sites/demo/comments', {
          headers: { ...browser, 'content-type': 'application/json' },
          body: '{"page": "https://blog.example/x", "body": ',
        }),
        httpApiEvent('GET', '/v1/admin/sites', { headers: edge }),
        httpApiEvent('GET', '/v1/admin/sites', { headers: admin }),
        httpApiEvent('GET', '/v1/sites/demo/comments', {
          headers: { origin: ORIGIN },
          query: { page: PAGE },
        }),
        httpApiEvent('GET', '/embed.js', { headers: edge }),
        httpApiEvent('GET', '/v1/openapi.json', { headers: edge }),
        httpApiEvent('GET', '/admin', { headers: edge }),
      ]
      ;({ results, nodeVersion } = await invokeBundle(bundle, setup.env, events))
    }, 60_000)

    it("runs on the Node.js major of the function's Lambda runtime", () => {
      expect(API_RUNTIME.name).toBe(`nodejs${majorOf(LAMBDA_NODE_VERSION)}.x`)
      expect(majorOf(nodeVersion)).toBe(majorOf(LAMBDA_NODE_VERSION))
    })

    it('creates a site through the admin API with the key derived from the secret', () => {
      expect(results[0]?.statusCode).toBe(201)
      expect(json(results[0])).toMatchObject({ id: 'demo', origins: [ORIGIN] })
    })

    it('answers the CORS preflight for the site origin', () => {
      expect(results[1]?.statusCode).toBe(204)
      expect(header(results[1], 'access-control-allow-origin')).toBe(ORIGIN)
      expect(header(results[1], 'access-control-allow-methods')).toContain('POST')
    })

    it('posts a comment and lists it back', () => {
      expect(results[2]?.statusCode).toBe(201)
      expect(json(results[2]).comment).toMatchObject({
        status: 'published',
        html: expect.stringContaining('<strong>'),
      })
      expect(results[3]?.statusCode).toBe(200)
      expect(json(results[3]).page.commentCount).toBe(1)
      expect(json(results[3]).comments.map((c: any) => c.id)).toEqual([json(results[2]).comment.id])
      expect(header(results[3], 'access-control-allow-origin')).toBe(ORIGIN)
    })

    it('lets CloudFront keep the anonymous list briefly, and no failure at all', () => {
      expect(header(results[3], 'cache-control')).toMatch(
        /^public, .*s-maxage=\d+, stale-while-revalidate=\d+$/,
      )
      expect(header(results[4], 'cache-control')).toBe('no-store')
    })

    it('hashes the viewer address CloudFront reported, not the edge address API Gateway saw', async () => {
      const items = await tableItems({ client, tableName })
      const stored = items.find((i) => i.id === json(results[2]).comment.id && 'ipHash' in i)
      expect(stored?.ipHash).toBe(hmacIp(keys, VIEWER_IP))
    })

    it('answers a malformed body with a 400 malformed-json problem', () => {
      expect(results[4]?.statusCode).toBe(400)
      expect(header(results[4], 'content-type')).toContain('application/problem+json')
      expect(json(results[4]).code).toBe('malformed-json')
    })

    it('refuses the admin API without the key and serves it with the key', () => {
      expect(results[5]?.statusCode).toBe(401)
      expect(json(results[5]).code).toBe('unauthenticated')
      expect(results[6]?.statusCode).toBe(200)
      expect(json(results[6]).sites.map((s: any) => s.id)).toEqual(['demo'])
    })

    it('serves the widget script built into the bundle', () => {
      expect(results[8]?.statusCode).toBe(200)
      expect(header(results[8], 'content-type')).toMatch(/^text\/javascript/)
      expect(results[8]?.body).toContain('parley:ready')
    })

    it('serves the OpenAPI document the build generated from the request schemas', () => {
      expect(results[9]?.statusCode).toBe(200)
      expect(json(results[9])).toEqual(buildOpenApiDocument())
    })

    it('serves the moderation page with the script the build inlined, under the page nonce', async () => {
      expect(results[10]?.statusCode).toBe(200)
      const nonce = /script-src 'nonce-([^']+)'/.exec(
        header(results[10], 'content-security-policy') ?? '',
      )?.[1]
      expect(nonce).toBeTruthy()
      expect(results[10]?.body).toContain(`<script nonce="${nonce}">${await buildAdminScript()}</script>`)
    })

    it('refuses a request that did not come through CloudFront', () => {
      expect(results[7]?.statusCode).toBe(403)
      expect(json(results[7])).toMatchObject({ code: 'forbidden', status: 403 })
    })
  })

  describe('streamHandler (the function URL for downloads)', () => {
    it('streams a site export in chunks, and refuses a request that did not come through CloudFront', async () => {
      const secret = randomBytes(32)
      const admin = { ...edge, authorization: `Bearer ${deriveKeys(secret).adminKey}` }
      const { env } = await lambdaEnv({ PARLEY_SECRET: secret.toString('base64url') })
      const lines = Array.from({ length: 450 }, (_, i) =>
        JSON.stringify({
          source: 'wordpress',
          sourceId: String(i),
          parentSourceId: null,
          page: PAGE,
          author: { name: `Reader ${i}` },
          body: `Comment number ${i}`,
          format: 'markdown',
          createdAt: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
          status: 'published',
        }),
      )
      const setup = await invokeBundle(bundle, env, [
        httpApiEvent('POST', '/v1/admin/sites', {
          headers: { ...admin, 'content-type': 'application/json' },
          body: JSON.stringify({ id: 'demo', name: 'Demo blog', origins: [ORIGIN] }),
        }),
        httpApiEvent('POST', '/v1/admin/sites/demo/import', {
          headers: { ...admin, 'content-type': 'application/x-ndjson' },
          body: lines.join('\n'),
        }),
      ])
      expect(setup.results.map((r) => r.statusCode)).toEqual([201, 200])
      expect(json(setup.results[1])).toMatchObject({ imported: 450, errors: [] })

      const [exported, direct] = await streamBundle(bundle, env, [
        httpApiEvent('GET', '/v1/admin/sites/demo/export', { headers: admin }),
        httpApiEvent('GET', '/v1/admin/sites/demo/export', {
          headers: { authorization: admin.authorization },
        }),
      ])
      expect(exported?.metadata.statusCode).toBe(200)
      expect(exported?.metadata.headers['content-type']).toBe('application/x-ndjson; charset=utf-8')
      const exportedLines =
        exported?.body
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)) ?? []
      expect(exportedLines.map((l) => l.body)).toEqual(lines.map((l) => JSON.parse(l).body))
      // Written as it is read, a page of comments at a time, not held whole.
      expect(exported?.chunks).toBeGreaterThan(2)
      expect(direct?.metadata.statusCode).toBe(403)
      expect(JSON.parse(direct?.body ?? '{}')).toMatchObject({ code: 'forbidden' })
    }, 90_000)
  })

  describe('with only PARLEY_SECRET_ARN (as the stack deploys it)', () => {
    const secret = randomBytes(32).toString('base64url')
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:parley-master-AbCdEf'
    const calls: { target: string | undefined; body: any }[] = []
    let server: Server

    // Secrets Manager's JSON protocol for the one call the handler makes; no AWS account here.
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = ''
        req.on('data', (chunk) => {
          body += chunk
        })
        req.on('end', () => {
          const call = { target: req.headers['x-amz-target'] as string | undefined, body: JSON.parse(body) }
          calls.push(call)
          // A secret never rotated has only its current version, as in Secrets Manager.
          if (call.body.VersionStage !== undefined && call.body.VersionStage !== 'AWSCURRENT') {
            res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' })
            res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such version' }))
            return
          }
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' })
          res.end(
            JSON.stringify({
              ARN: arn,
              Name: 'parley-master',
              SecretString: secret,
              VersionId: randomUUID(),
            }),
          )
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    })
    afterAll(() => new Promise((resolve) => server.close(resolve)))

    it('reads the secret once per cold start and derives the same keys from it', async () => {
      const { env } = await lambdaEnv({
        PARLEY_SECRET_ARN: arn,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'example-secret-key',
      })
      const adminKey = deriveKeys(Buffer.from(secret, 'base64url')).adminKey
      const request = () =>
        httpApiEvent('GET', '/v1/admin/sites', { headers: { ...edge, authorization: `Bearer ${adminKey}` } })
      const { results } = await invokeBundle(bundle, env, [request(), request()])
      expect(results.map((r) => r.statusCode)).toEqual([200, 200])
      // Read at the cold start only (the current version, and the previous one if the handler asks).
      expect(calls.filter((c) => c.body.VersionStage === undefined)).toHaveLength(1)
      for (const call of calls) {
        expect(call).toMatchObject({ target: 'secretsmanager.GetSecretValue', body: { SecretId: arn } })
      }
    }, 60_000)

    it('fails its cold start when no secret is configured at all', async () => {
      const { env } = await lambdaEnv({})
      await expect(invokeBundle(bundle, env, [])).rejects.toThrow(/PARLEY_SECRET/)
    }, 60_000)
  })
})
