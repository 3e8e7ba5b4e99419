import { randomBytes } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { LAMBDA_NODE_VERSION, majorOf } from '../../infra/lambda-node.js'
import { tableItems } from '../helpers/table-items.js'
import { createTestApp } from '../helpers/test-app.js'
import { lambdaRecords } from '../notifications/stream-records.js'
import { bundleExports, invokeBundle } from './lambda-runner.js'
import { bundledHandler, notifierFunction, type Synth, synthesize } from './synth.js'

// The notifier's deployable artifact: what `cdk synth` bundled from functions/notifier/handler.ts,
// imported on Lambda's Node version with the environment the construct gives it.
let synth: Synth
let bundle: string
let apiBundle: string
beforeAll(async () => {
  synth = await synthesize({ cfnValidation: false, context: { mailFrom: 'comments@blog.example' } })
  bundle = await bundledHandler(synth, notifierFunction(synth.json))
  apiBundle = await bundledHandler(synth)
}, 180_000)
afterAll(() => synth?.cleanup())

/** Bytes of a bundle's folder: the entry and every chunk. */
async function folderBytes(file: string) {
  const dir = dirname(file)
  let bytes = 0
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size
  }
  return bytes
}

describe('the bundled notifier', () => {
  it('is its own minified ESM asset, not the API’s', async () => {
    expect(bundle).toMatch(/asset\.[0-9a-f]{64}\/index\.mjs$/)
    expect(dirname(bundle)).not.toBe(dirname(apiBundle))
    // None of what the API inlines (widget, moderation page, OpenAPI document) comes along.
    expect(await folderBytes(bundle)).toBeLessThan(await folderBytes(apiBundle))
  })

  it('imports on the Node.js major of its Lambda runtime and exports handler', async () => {
    const env = {
      AWS_REGION: 'us-east-1',
      TABLE_NAME: 'parley',
      PARLEY_SECRET: randomBytes(32).toString('base64url'),
      API_ORIGIN: 'https://comments.blog.example',
      WEBHOOK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/webhooks',
      MAIL_FROM: 'comments@blog.example',
      SES_CONFIGURATION_SET: 'parley',
    }
    const imported = await bundleExports(bundle, env)
    expect(majorOf(imported.nodeVersion)).toBe(majorOf(LAMBDA_NODE_VERSION))
    expect(imported.exports.handler).toBe('function')
  }, 60_000)
})

/** Every file of a bundle's folder, as one text. */
async function folderText(file: string) {
  const dir = dirname(file)
  const texts: string[] = []
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) texts.push(await readFile(join(entry.parentPath, entry.name), 'utf8'))
  return texts.join('\n')
}

/** A deployment without `mailFrom`: no MAIL_FROM, no SES configuration set (see infra/constructs/notifier.ts). */
const withoutMail = (overrides: Record<string, string> = {}) => ({
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'parley',
  PARLEY_SECRET: randomBytes(32).toString('base64url'),
  API_ORIGIN: 'https://comments.blog.example',
  WEBHOOK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/webhooks',
  ...overrides,
})

describe('the bundled notifier, invoked', () => {
  it('answers an empty stream batch with no failures', async () => {
    const { results } = await invokeBundle(bundle, withoutMail(), [{ Records: [] }])
    expect(results[0]).toEqual({ batchItemFailures: [] })
  }, 60_000)

  it('handles a real stream record of a pending comment without mail: no failure, no mail planned, said once', async () => {
    const t = await createTestApp({
      site: { moderation: 'pre', notifications: { moderatorEmails: ['mod@blog.example'], onNew: 'all' } },
    })
    const posted = await t.app.request('/v1/sites/demo/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-test-client-ip': '198.51.100.77' },
      body: JSON.stringify({
        page: 'https://blog.example/p',
        body: 'Held for review',
        author: { name: 'Ada' },
      }),
    })
    expect(posted.status).toBe(201)
    const Records = await lambdaRecords(t)
    const env = withoutMail({
      TABLE_NAME: t.tableName,
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      PARLEY_SECRET: Buffer.from(t.config.secret).toString('base64url'),
    })
    const { results, stdout } = await invokeBundle(bundle, env, [{ Records }, { Records }])
    expect(results).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }])
    expect(stdout.match(/sends webhooks only, no mail/g)).toHaveLength(1)
    // Nothing was claimed in the delivery ledger: no mail was planned at all.
    expect((await tableItems(t)).filter((i) => i.sk === 'DLV')).toEqual([])
    // Read, not passed over as unreadable (the comment's records are the table's real ones).
    expect(Records.length).toBeGreaterThan(0)
    expect(stdout).not.toMatch(/stream record (skipped|failed)/)
    expect(stdout).not.toContain('mod@blog.example')
  }, 60_000)
})

describe('the API bundle', () => {
  it('carries neither the SQS client nor the notifier', async () => {
    const api = await folderText(apiBundle)
    expect(api).not.toContain('AmazonSQS')
    expect(api).not.toContain('SendMessageCommand')
    expect(await folderText(bundle)).toContain('AmazonSQS')
  })
})
