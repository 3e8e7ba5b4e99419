/**
 * Cold start: what the API's module scope costs on top of the DynamoDB client it cannot do without.
 *
 * Bundles (esbuild: bundle, minify, ESM, node20) (a) the Lambda entry `functions/api/handler.ts` and
 * (b) a baseline that only builds the DynamoDB document client and exports a handler. Each bundle is
 * imported in fresh `node` processes, A and B alternating, timing `await import(bundle)` inside the child.
 * Prints median import times, bundle sizes, the API bundle's biggest inputs and packages.
 *
 * Budget: median import time API / baseline ≤ 1.25.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { type BuildOptions, build, type Metafile } from 'esbuild'
import { type BenchResult, median, runIfMain, verdict } from './bench-kit.js'

const BUDGET = 1.25
const RUNS = 31 // per bundle, after one discarded warm-up each
const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const run = promisify(execFile)

const BASELINE_ENTRY = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }))
export const handler = async () => ({ statusCode: 200, body: typeof client.send })
`

const buildOptions: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  metafile: true,
  logLevel: 'error',
  absWorkingDir: repoRoot,
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
}

// Runs in the child: time only the import, not Node's own start-up.
const IMPORT_TIMER = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t))`

const childEnv = {
  PATH: process.env.PATH ?? '',
  TABLE_NAME: 'bench',
  PARLEY_SECRET: randomBytes(32).toString('base64url'),
  AWS_REGION: 'us-east-1',
}

async function importTime(bundle: string): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_TIMER, pathToFileURL(bundle).href],
    { env: childEnv, timeout: 20_000 },
  )
  const ms = Number(stdout)
  if (!Number.isFinite(ms)) throw new Error(`child printed ${JSON.stringify(stdout)}`)
  return ms
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`

/** Bytes in the bundle per input file, and per package (`(parley source)` for the repository's own). */
function bytesByInput(metafile: Metafile) {
  const [output] = Object.values(metafile.outputs)
  const inputs = new Map(Object.entries(output?.inputs ?? {}).map(([path, i]) => [path, i.bytesInOutput]))
  const packages = new Map<string, number>()
  for (const [path, size] of inputs) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(parley source)'
    packages.set(name, (packages.get(name) ?? 0) + size)
  }
  return { inputs, packages }
}

const largest = (bytes: Map<string, number>, n: number) => [...bytes].sort((a, b) => b[1] - a[1]).slice(0, n)

/** The API bundle's biggest inputs, and the packages it adds most over the baseline. */
function describeBundles(api: Metafile, baseline: Metafile): string[] {
  const a = bytesByInput(api)
  const b = bytesByInput(baseline).packages
  const added = new Map([...a.packages].map(([name, size]) => [name, size - (b.get(name) ?? 0)]))
  return [
    '  API bundle, top 10 inputs by bytes in the bundle:',
    ...largest(a.inputs, 10).map(([path, size]) => `    ${kb(size)}  ${path}`),
    '  API bundle, top 10 packages by bytes over the baseline bundle:',
    ...largest(added, 10).map(
      ([name, size]) => `    ${kb(size)}  ${name} (${kb(a.packages.get(name) ?? 0).trim()} in all)`,
    ),
  ]
}

export async function coldStart(): Promise<BenchResult> {
  console.log('== cold-start: import time of the API bundle vs a DynamoDB-client-only baseline ==')
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-'))
  try {
    const api = join(dir, 'api.mjs')
    const baseline = join(dir, 'baseline.mjs')
    const [apiBuild, baselineBuild] = await Promise.all([
      build({ ...buildOptions, entryPoints: ['functions/api/handler.ts'], outfile: api }),
      build({
        ...buildOptions,
        stdin: { contents: BASELINE_ENTRY, resolveDir: repoRoot, sourcefile: 'baseline.ts', loader: 'ts' },
        outfile: baseline,
      }),
    ])
    const times = { api: [] as number[], baseline: [] as number[] }
    await importTime(api)
    await importTime(baseline)
    for (let i = 0; i < RUNS; i++) {
      // Alternate which goes first, so neither always follows the other.
      const order = i % 2 === 0 ? (['api', 'baseline'] as const) : (['baseline', 'api'] as const)
      for (const which of order) times[which].push(await importTime(which === 'api' ? api : baseline))
    }
    const apiMs = median(times.api)
    const baselineMs = median(times.baseline)
    const ratio = apiMs / baselineMs
    // Cross-check, less sensitive to the machine's load drifting: the median of each round's own ratio.
    const pairedRatio = median(times.api.map((ms, i) => ms / (times.baseline[i] ?? Number.NaN)))
    const sizeKb = async (file: string) => (await stat(file)).size / 1024
    const [apiKb, baselineKb] = await Promise.all([sizeKb(api), sizeKb(baseline)])
    const pass = ratio <= BUDGET
    console.log(`  fresh processes: ${RUNS} per bundle (+1 warm-up each), alternating`)
    console.log(`  API      bundle ${apiKb.toFixed(1).padStart(7)} KB, median import ${apiMs.toFixed(1)} ms`)
    console.log(
      `  baseline bundle ${baselineKb.toFixed(1).padStart(7)} KB, median import ${baselineMs.toFixed(1)} ms`,
    )
    console.log(`  ratio API/baseline ${ratio.toFixed(3)} (budget ≤ ${BUDGET}): ${verdict(pass)}`)
    console.log(`  (cross-check, median of per-round ratios: ${pairedRatio.toFixed(3)})`)
    for (const line of describeBundles(apiBuild.metafile as Metafile, baselineBuild.metafile as Metafile)) {
      console.log(line)
    }
    return {
      name: 'cold-start',
      figures: `API ${apiMs.toFixed(1)} ms / ${apiKb.toFixed(0)} KB, baseline ${baselineMs.toFixed(1)} ms / ${baselineKb.toFixed(0)} KB, ratio ${ratio.toFixed(3)}`,
      budget: `ratio ≤ ${BUDGET}`,
      pass,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

runIfMain(import.meta.url, coldStart)
