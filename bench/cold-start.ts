/**
 * Cold start: what the API's module scope costs on top of the DynamoDB client it cannot do without.
 *
 * Builds (a) the Lambda function exactly as it ships (`buildLambda` of `functions/api/build.ts`, the
 * build `cdk synth` runs: minified ESM, code splitting, widget inlined) and (b) a baseline that only
 * builds the DynamoDB document client and exports a handler, with the same build. Each entry is
 * imported in fresh `node` processes, A and B alternating, timing `await import(entry)` inside the
 * child (the chunks an entry imports statically load with it; lazy ones do not). Prints median import
 * times, the bytes each entry loads at start, and the API's biggest eagerly loaded inputs. For
 * reference only, also: the baseline as one default esbuild file (the SDK's CommonJS build), and
 * the stack's own floor, a toy of the same build with Hono, zod/mini and the SDK but no Parley code.
 *
 * Budget: median import time API / baseline ≤ 1.25.
 *
 * The fresh processes run the Node version of Lambda's runtime (`infra/lambda-node.ts`; this machine
 * has Node 20, Lambda runs 24): `LAMBDA_NODE=<path to node>` picks another. `RUNS=<n>` sets the rounds.
 * `COMPARE=<another checkout>` times that checkout's API in the same rounds (see `bench-kit.ts`).
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { build, type Metafile } from 'esbuild'
import { buildLambda, REQUIRE_BANNER } from '../functions/api/build.js'
import { lambdaNode } from '../infra/lambda-node.js'
import {
  type BenchResult,
  buildComparedLambda,
  median,
  nodeVersion,
  REPO_ROOT,
  runIfMain,
  takingTurns,
  verdict,
  withTempDir,
} from './bench-kit.js'

const BUDGET = 1.25
const RUNS = Number(process.env.RUNS ?? 31) // per bundle, after one discarded warm-up each
const run = promisify(execFile)

/** The SDK-only bundle every cold start is measured against (the notifier's bench reuses it). */
export const BASELINE_ENTRY = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }))
export const handler = async () => ({ statusCode: 200, body: typeof client.send })
`

/** The stack without the service: a Hono app of 3 routes with the middleware every API has, 3 zod/mini schemas. */
const STACK_FLOOR_ENTRY = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import { Hono } from 'hono'
import { handle } from 'hono/aws-lambda'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { en } from 'zod/locales'
import * as z from 'zod/mini'
z.config(en())
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }))
const Text = (max) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max))
const List = z.object({ page: z.url(), sort: z._default(z.enum(['oldest', 'newest']), 'oldest') })
const Post = z.object({ page: z.url(), body: Text(5000), author: z.optional(z.object({ name: Text(80), email: z.optional(z.email()) })) })
const Site = z.object({ id: Text(64), origins: z.array(z.url()), limits: z._default(z.object({ maxLength: z._default(z.int(), 5000) }), {}) })
const TableName = process.env.TABLE_NAME
const app = new Hono()
  .use(secureHeaders())
  .use('/v1/*', bodyLimit({ maxSize: 65536 }))
  .use('/v1/sites/:siteId/*', cors({ origin: (origin) => origin }))
  .get('/v1/sites/:siteId', (c) => c.json(Site.parse({ id: c.req.param('siteId'), origins: [] })))
  .get('/v1/sites/:siteId/comments', async (c) => {
    const { page } = List.parse(c.req.query())
    return c.json(await client.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': page } })))
  })
  .post('/v1/sites/:siteId/comments', async (c) => c.json(await client.send(new PutCommand({ TableName, Item: Post.parse(await c.req.json()) }))))
export const handler = handle(app)
`

// Runs in the child: time only the import, not Node's own start-up.
const IMPORT_TIMER = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t))`

const childEnv = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'bench',
  PARLEY_SECRET: randomBytes(32).toString('base64url'),
  AWS_REGION: 'us-east-1',
}

/** One fresh process of `node` importing `bundle`: the import's milliseconds. */
export async function importTime(
  node: string,
  bundle: string,
  env: Record<string, string> = childEnv,
): Promise<number> {
  const { stdout } = await run(
    node,
    ['--input-type=module', '-e', IMPORT_TIMER, pathToFileURL(bundle).href],
    { env, timeout: 20_000 },
  )
  const ms = Number(stdout)
  if (!Number.isFinite(ms)) throw new Error(`child printed ${JSON.stringify(stdout)}`)
  return ms
}

/** The outputs an entry loads at start: itself and every chunk reached by static imports. */
function eagerOutputs(metafile: Metafile, entryFile: string): string[] {
  const outputs = metafile.outputs
  const entry = Object.keys(outputs).find((path) => join(REPO_ROOT, path) === entryFile)
  const seen = new Set<string>()
  const visit = (path: string | undefined) => {
    if (!path || seen.has(path) || !outputs[path]) return
    seen.add(path)
    for (const i of outputs[path].imports) if (i.kind === 'import-statement') visit(i.path)
  }
  visit(entry)
  return [...seen]
}

/** Bytes loaded at start, per input file and per package (`(parley source)` for the repository's own). */
function eagerBytes(metafile: Metafile, entryFile: string) {
  const inputs = new Map<string, number>()
  const packages = new Map<string, number>()
  let total = 0
  const files = eagerOutputs(metafile, entryFile)
  for (const output of files) {
    total += metafile.outputs[output]?.bytes ?? 0
    for (const [path, input] of Object.entries(metafile.outputs[output]?.inputs ?? {})) {
      inputs.set(path, (inputs.get(path) ?? 0) + input.bytesInOutput)
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(parley source)'
      packages.set(name, (packages.get(name) ?? 0) + input.bytesInOutput)
    }
  }
  return { total, files: files.length, inputs, packages }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`
const largest = (bytes: Map<string, number>, n: number) => [...bytes].sort((a, b) => b[1] - a[1]).slice(0, n)

/** The API's biggest eagerly loaded inputs, and the packages it loads most over the baseline. */
function describeBuilds(api: ReturnType<typeof eagerBytes>, baseline: ReturnType<typeof eagerBytes>) {
  const added = new Map(
    [...api.packages].map(([name, size]) => [name, size - (baseline.packages.get(name) ?? 0)]),
  )
  return [
    '  API, top 10 inputs loaded at start, by bytes:',
    ...largest(api.inputs, 10).map(([path, size]) => `    ${kb(size)}  ${path}`),
    '  API, top 10 packages loaded at start, by bytes over the baseline:',
    ...largest(added, 10).map(
      ([name, size]) => `    ${kb(size)}  ${name} (${kb(api.packages.get(name) ?? 0).trim()} in all)`,
    ),
  ]
}

export async function coldStart(): Promise<BenchResult> {
  console.log('== cold-start: import time of the Lambda build vs a DynamoDB-client-only baseline ==')
  const node = await lambdaNode()
  return withTempDir(async (dir) => {
    // One after the other: esbuild's service runs builds concurrently, but the machine may be small.
    const apiBuild = await buildLambda({ outdir: join(dir, 'api') })
    const baselineBuild = await buildLambda({
      outdir: join(dir, 'baseline'),
      entry: { contents: BASELINE_ENTRY, resolveDir: REPO_ROOT },
    })
    // For reference only: the baseline as one default esbuild file, which resolves the SDK to its
    // CommonJS build (how ARCHITECTURE.md's facts measured "the SDK-only bundle").
    const singleFile = join(dir, 'single', 'index.mjs')
    await build({
      stdin: { contents: BASELINE_ENTRY, resolveDir: REPO_ROOT, loader: 'ts' },
      outfile: singleFile,
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'error',
      banner: { js: REQUIRE_BANNER },
    })
    const floorBuild = await buildLambda({
      outdir: join(dir, 'floor'),
      entry: { contents: STACK_FLOOR_ENTRY, resolveDir: REPO_ROOT },
    })
    const compared = await buildComparedLambda(join(dir, 'compared'))
    const entries = {
      api: apiBuild.entryFile,
      baseline: baselineBuild.entryFile,
      singleFile,
      floor: floorBuild.entryFile,
    }
    const times = await takingTurns(RUNS, {
      api: () => importTime(node, entries.api),
      baseline: () => importTime(node, entries.baseline),
      singleFile: () => importTime(node, entries.singleFile),
      floor: () => importTime(node, entries.floor),
      compared: compared && (() => importTime(node, compared.entryFile)),
    })
    const apiMs = median(times.api)
    const baselineMs = median(times.baseline)
    const ratio = apiMs / baselineMs
    // Cross-check, less sensitive to the machine's load drifting: the median of each round's own ratio.
    const pairedRatio = median(times.api.map((ms, i) => ms / (times.baseline[i] ?? Number.NaN)))
    const apiBytes = eagerBytes(apiBuild.metafile, apiBuild.entryFile)
    const baselineBytes = eagerBytes(baselineBuild.metafile, baselineBuild.entryFile)
    const [apiKb, baselineKb] = [apiBytes.total / 1024, baselineBytes.total / 1024]
    const pass = ratio <= BUDGET
    console.log(
      `  fresh processes of node ${await nodeVersion(node)}: ${RUNS} per bundle (+1 warm-up each), taking turns`,
    )
    console.log(
      `  API      loads ${apiKb.toFixed(1).padStart(7)} KB at start in ${apiBytes.files} files, median import ${apiMs.toFixed(1)} ms`,
    )
    console.log(
      `  baseline loads ${baselineKb.toFixed(1).padStart(7)} KB at start in ${baselineBytes.files} files, median import ${baselineMs.toFixed(1)} ms`,
    )
    console.log(`  ratio API/baseline ${ratio.toFixed(3)} (budget ≤ ${BUDGET}): ${verdict(pass)}`)
    console.log(`  (cross-check, median of per-round ratios: ${pairedRatio.toFixed(3)})`)
    if (compared) {
      const comparedMs = median(times.compared)
      const comparedPaired = median(times.compared.map((ms, i) => ms / (times.baseline[i] ?? Number.NaN)))
      console.log(
        `  compared with ${compared.checkout}, the same rounds: median import ${comparedMs.toFixed(1)} ms, ` +
          `ratio to baseline ${(comparedMs / baselineMs).toFixed(3)} (per-round ${comparedPaired.toFixed(3)}), ` +
          `API/that ${(apiMs / comparedMs).toFixed(3)}`,
      )
    }
    const singleMs = median(times.singleFile)
    const singleKb = (await stat(singleFile)).size / 1024
    console.log(
      `  for reference, the baseline as one default esbuild file (CommonJS SDK, ${singleKb.toFixed(0)} KB): ` +
        `median import ${singleMs.toFixed(1)} ms, API/that ${(apiMs / singleMs).toFixed(3)} (report only)`,
    )
    const floorMs = median(times.floor)
    console.log(
      `  for reference, the stack alone (Hono app, zod/mini schemas, the SDK; same build): median import ` +
        `${floorMs.toFixed(1)} ms, that/baseline ${(floorMs / baselineMs).toFixed(3)} (report only)`,
    )
    for (const line of describeBuilds(apiBytes, baselineBytes)) {
      console.log(line)
    }
    return {
      name: 'cold-start',
      figures: `API ${apiMs.toFixed(1)} ms / ${apiKb.toFixed(0)} KB, baseline ${baselineMs.toFixed(1)} ms / ${baselineKb.toFixed(0)} KB, ratio ${ratio.toFixed(3)}`,
      budget: `ratio ≤ ${BUDGET}`,
      pass,
    }
  })
}

runIfMain(import.meta.url, coldStart)
