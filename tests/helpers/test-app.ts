import { randomBytes, randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { type App, createApp } from '../../functions/api/app.js'
import { createDeps } from '../../functions/api/create-deps.js'
import type { SignInMail } from '../../shared/auth/email-code/email-sign-in.js'
import type { MastodonNetwork } from '../../shared/auth/mastodon/mastodon-network.js'
import type { ProviderEndpoints } from '../../shared/auth/provider-endpoints.js'
import { createDocumentClient } from '../../shared/db/document-client.js'
import { ensureTable } from '../../shared/db/ensure-table.js'
import type { SiteConfigInput } from '../../shared/sites/site-schema.js'
import type { WebhookNetwork } from '../../shared/webhooks/webhook-target.js'
import { answerOf, contractDrift } from './route-contract.js'

export const ORIGIN = 'https://blog.example'
export const PAGE = `${ORIGIN}/2026/hello-world`

/** A clock tests move by hand. */
export function manualClock(start = Date.parse('2026-11-27T12:00:00Z')) {
  let now = start
  const clock = () => now
  return Object.assign(clock, {
    advance: (ms: number) => {
      now += ms
    },
  })
}

export interface TestAppOptions {
  site?: Partial<SiteConfigInput>
  endpoint?: string
  storeDeadlineMs?: number
  providerEndpoints?: ProviderEndpoints
  /** Where the manual clock starts (epoch ms); tests with an outside token issuer start it at now. */
  clockStart?: number
  akismetEndpoint?: (key: string) => string
  webhookNetwork?: WebhookNetwork
  /** How sign-in codes are mailed (e.g. SMTP to the tests' sink); without it, none are. */
  signInMail?: SignInMail
  mastodonNetwork?: MastodonNetwork
}

/**
 * The app whose `request` checks every answer of a manifest route against what the manifest
 * documents for its status (schema, media type, problem codes): a drifting response fails the test.
 */
function checkingContract(app: App): App {
  const request = app.request
  app.request = async (input, init, ...rest) => {
    const res = await request(input, init, ...rest)
    const url = input instanceof Request ? input.url : String(input)
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
    const drift = await contractDrift(method.toUpperCase(), url, res)
    if (drift) throw new Error(`response drifts from the route manifest: ${drift}`)
    return res
  }
  return app
}

/** The real app on a fresh table of the run's DynamoDB Local, with site `demo` for {@link ORIGIN}. */
export async function createTestApp(options: TestAppOptions = {}) {
  const endpoint = options.endpoint ?? inject('dynamoEndpoint')
  const tableName = `t-${randomUUID()}`
  const client = createDocumentClient({ region: 'us-east-1', endpoint })
  const streamArn = await ensureTable(client, tableName)
  const clock = manualClock(options.clockStart)
  const config = {
    tableName,
    region: 'us-east-1',
    dynamoDbEndpoint: endpoint,
    secret: randomBytes(32),
    previousSecret: undefined,
    adminKey: undefined,
  }
  const logs: unknown[] = []
  const deps = createDeps(config, {
    clock,
    client,
    ...(options.storeDeadlineMs && { storeDeadlineMs: options.storeDeadlineMs }),
    ...(options.providerEndpoints && { providerEndpoints: options.providerEndpoints }),
    ...(options.akismetEndpoint && { akismetEndpoint: options.akismetEndpoint }),
    ...(options.webhookNetwork && { webhookNetwork: options.webhookNetwork }),
    ...(options.signInMail && { signInMail: options.signInMail }),
    ...(options.mastodonNetwork && { mastodonNetwork: options.mastodonNetwork }),
    log: (...entry) => void logs.push(entry),
    clientIp: (c) => c.req.header('x-test-client-ip') ?? '192.0.2.1',
  })
  await deps.sites.create({ id: 'demo', name: 'Demo blog', origins: [ORIGIN], ...options.site })
  const app = checkingContract(createApp(deps))
  return { app, deps, clock, client, tableName, streamArn, config, logs, adminKey: deps.keys.adminKey }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>

export const jsonRequest = (
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

let ipCounter = 0
/** A distinct client IP, so rate limits of one test do not leak into another. */
export const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`

export const guestComment = (overrides: Record<string, unknown> = {}) => ({
  page: PAGE,
  body: 'Great post, thanks!',
  author: { name: 'Ada' },
  ...overrides,
})

/** Posts as a guest from a fresh IP; returns the response and its body (or problem), typed. */
export async function postAsGuest(
  app: TestApp['app'],
  overrides: Record<string, unknown> = {},
  headers = {},
) {
  const res = await app.request(
    '/v1/sites/demo/comments',
    jsonRequest('POST', guestComment(overrides), { 'x-test-client-ip': freshIp(), ...headers }),
  )
  return answerOf(res, 'postComment', 201)
}

export const listComments = async (app: TestApp['app'], query = `page=${encodeURIComponent(PAGE)}`) => {
  const res = await app.request(`/v1/sites/demo/comments?${query}`)
  return answerOf(res, 'listComments', 200)
}
