import { randomBytes } from 'node:crypto'
import { readdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAMBDA_NODE_VERSION, majorOf } from '../../infra/lambda-node.js'
import { bundleExports } from './lambda-runner.js'
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
