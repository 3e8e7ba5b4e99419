import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { lambdaNode } from '../../infra/lambda-node.js'

const run = promisify(execFile)

export const API_ID = 'a1b2c3d4e5'
export const API_HOST = `${API_ID}.execute-api.us-east-1.amazonaws.com`
/** The address API Gateway reports behind CloudFront: an edge server's, not the reader's. */
export const EDGE_SOURCE_IP = '130.176.12.34'

export interface EventOptions {
  query?: Record<string, string>
  headers?: Record<string, string>
  body?: string
}

/**
 * An API Gateway HTTP API payload 2.0 event, as the `$default` route delivers it behind CloudFront:
 * header names lower-case, the edge's address as `sourceIp`, the execute-api host.
 */
export function httpApiEvent(method: string, path: string, options: EventOptions = {}) {
  const headers = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  )
  const now = new Date()
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    ...(options.query && { queryStringParameters: options.query }),
    headers: {
      host: API_HOST,
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      'x-amz-cf-id': randomUUID(),
      'user-agent': 'Amazon CloudFront',
      ...headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: API_ID,
      domainName: API_HOST,
      domainPrefix: API_ID,
      http: {
        method,
        path,
        protocol: 'HTTP/1.1',
        sourceIp: EDGE_SOURCE_IP,
        userAgent: headers['user-agent'] ?? 'Amazon CloudFront',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(options.body !== undefined && { body: options.body }),
    isBase64Encoded: false,
  }
}

export interface LambdaResult {
  statusCode: number
  headers?: Record<string, string>
  body: string
}

// Runs in a fresh Node process: import the bundle (its cold start), then hand it each event in
// turn with a Lambda-like context, as the runtime would.
const RUNNER = `
import { readFileSync, writeFileSync } from 'node:fs'
const [bundle, eventsFile, resultsFile] = process.argv.slice(1)
const started = performance.now()
const { handler } = await import(bundle)
const coldStartMs = performance.now() - started
const results = []
for (const event of JSON.parse(readFileSync(eventsFile, 'utf8'))) {
  // HTTP API events carry their request id; stream, queue and schedule events get one of their own.
  const context = { awsRequestId: event.requestContext?.requestId ?? crypto.randomUUID(), functionName: 'parley', getRemainingTimeInMillis: () => 10000 }
  results.push(await handler(event, context))
}
writeFileSync(resultsFile, JSON.stringify({ nodeVersion: process.version, coldStartMs, results }))
`

/**
 * Runs `runner` (a module script) in a child process of Lambda's Node version (`lambdaNode`) with
 * exactly `env` (plus PATH), handing it the bundle, a file of `events` and a file for its results;
 * answers those results and the child's output. Rejects when the process fails.
 */
async function runInChild(
  runner: string,
  timeout: number,
  bundle: string,
  env: Record<string, string>,
  events: unknown[],
) {
  const dir = await mkdtemp(join(tmpdir(), 'parley-invoke-'))
  try {
    const eventsFile = join(dir, 'events.json')
    const resultsFile = join(dir, 'results.json')
    await writeFile(eventsFile, JSON.stringify(events))
    const child = await run(
      await lambdaNode(),
      ['--input-type=module', '-e', runner, pathToFileURL(bundle).href, eventsFile, resultsFile],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout, maxBuffer: 16 * 1024 * 1024 },
    )
    return { results: JSON.parse(await readFile(resultsFile, 'utf8')) as unknown, child }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Imports the bundled handler in a child process with exactly `env` (plus PATH) and invokes it
 * with `events`; returns the results, the import time and the child's Node version. Rejects when
 * the process fails.
 */
export async function invokeBundle(bundle: string, env: Record<string, string>, events: unknown[]) {
  const { results, child } = await runInChild(RUNNER, 30_000, bundle, env, events)
  const out = results as { nodeVersion: string; coldStartMs: number; results: LambdaResult[] }
  return { ...out, stdout: child.stdout, stderr: child.stderr }
}

export interface StreamedResult {
  metadata: { statusCode: number; headers: Record<string, string> }
  body: string
  /** How many writes the body came in. */
  chunks: number
}

// The Lambda runtime's streaming API as the handler meets it: streamifyResponse marks a handler
// (event, responseStream, context); HttpResponseStream.from writes the JSON prelude with status
// and headers, then eight zero bytes, then the body follows.
const STREAM_RUNNER = `
import { readFileSync, writeFileSync } from 'node:fs'
import { Writable } from 'node:stream'
globalThis.awslambda = {
  streamifyResponse: (handler) => handler,
  HttpResponseStream: {
    from(stream, metadata) {
      stream.write(JSON.stringify(metadata))
      stream.write(new Uint8Array(8))
      return stream
    },
  },
}
const [bundle, eventsFile, resultsFile] = process.argv.slice(1)
const { streamHandler } = await import(bundle)
const results = []
for (const event of JSON.parse(readFileSync(eventsFile, 'utf8'))) {
  const writes = []
  const stream = new Writable({ write(chunk, _encoding, done) { writes.push(Buffer.from(chunk)); done() } })
  const finished = new Promise((resolve) => stream.on('finish', resolve))
  await streamHandler(event, stream, { awsRequestId: event.requestContext.requestId, getRemainingTimeInMillis: () => 300000 })
  await finished
  const [prelude, zeros, ...body] = writes
  if (zeros?.length !== 8 || zeros.some((b) => b !== 0)) throw new Error('no prelude delimiter')
  results.push({ metadata: JSON.parse(prelude.toString()), body: Buffer.concat(body).toString(), chunks: body.length })
}
writeFileSync(resultsFile, JSON.stringify(results))
`

/** Imports the bundle's `streamHandler` under an emulated streaming runtime and invokes it with `events`. */
export async function streamBundle(bundle: string, env: Record<string, string>, events: unknown[]) {
  return (await runInChild(STREAM_RUNNER, 60_000, bundle, env, events)).results as StreamedResult[]
}

// Imports the bundle as Lambda's runtime would at a cold start and reports what it exports.
const EXPORTS_RUNNER = `
import { writeFileSync } from 'node:fs'
const [bundle, , resultsFile] = process.argv.slice(1)
const started = performance.now()
const module = await import(bundle)
const coldStartMs = performance.now() - started
const exports = Object.fromEntries(Object.entries(module).map(([name, value]) => [name, typeof value]))
writeFileSync(resultsFile, JSON.stringify({ nodeVersion: process.version, coldStartMs, exports }))
`

/** Imports the bundle in a child process of Lambda's Node with exactly `env` (plus PATH): its exports' types, the import time. */
export async function bundleExports(bundle: string, env: Record<string, string>) {
  const { results } = await runInChild(EXPORTS_RUNNER, 30_000, bundle, env, [])
  return results as { nodeVersion: string; coldStartMs: number; exports: Record<string, string> }
}
