/**
 * What the benchmarks share: their result shape, medians, running one file on its own, and the real
 * app on a fresh table of a DynamoDB Local that is always stopped again.
 */
import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { createApp } from '../functions/api/app.js'
import { createDeps, type DepsOptions } from '../functions/api/create-deps.js'
import { startDynamoDbLocal } from '../functions/api/local/dynamodb-local.js'
import type { PostCommentResponse } from '../shared/contracts/index.js'
import { createDocumentClient } from '../shared/db/document-client.js'
import { ensureTable } from '../shared/db/ensure-table.js'

/** One benchmark's outcome, as `run.ts` tabulates it. */
export interface BenchResult {
  name: string
  /** The headline figures, one line. */
  figures: string
  budget: string
  /** `undefined` for a report-only benchmark. */
  pass: boolean | undefined
}

/** Where bundled entries given as source resolve their imports. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

/** A `node`'s version, for the report: `v24.21.0`. */
export const nodeVersion = async (node: string) =>
  (await promisify(execFile)(node, ['--version'])).stdout.trim()

export const SITE_ID = 'bench'
export const ORIGIN = 'https://blog.example'
export const PAGE = `${ORIGIN}/2026/benchmarks`

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/**
 * Measures each side once to warm up, then `rounds` times in turn, rotating which goes first so that
 * none always follows another; answers each side's measurements (none for a side left undefined).
 */
export async function takingTurns<K extends string, T>(
  rounds: number,
  sides: Record<K, (() => Promise<T>) | undefined>,
): Promise<Record<K, T[]>> {
  const names = Object.keys(sides) as K[]
  const measured = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<K, T[]>
  const turns = names.flatMap((name) => {
    const measure = sides[name]
    return measure ? [{ name, measure }] : []
  })
  for (const { measure } of turns) await measure()
  for (let i = 0; i < rounds; i++) {
    const first = i % turns.length
    for (const { name, measure } of [...turns.slice(first), ...turns.slice(0, first)]) {
      measured[name].push(await measure())
    }
  }
  return measured
}

/**
 * `COMPARE=<another checkout>` (a worktree of the branch a change is made on, say): the cold-start
 * benchmarks build that checkout's API too, with its own `buildLambda`, and time it in the same
 * rounds, so that a change is measured against what it changes under the same load.
 */
export async function buildComparedLambda(outdir: string) {
  const other = process.env.COMPARE
  if (!other) return undefined
  const build: typeof import('../functions/api/build.js') = await import(
    pathToFileURL(join(resolve(other), 'functions', 'api', 'build.ts')).href
  )
  return { ...(await build.buildLambda({ outdir })), checkout: resolve(other) }
}

export const verdict = (pass: boolean | undefined) =>
  pass === undefined ? 'report only' : pass ? 'PASS' : 'FAIL'

/** Runs `bench` when its file is the process's entry (`npx tsx bench/<file>.ts`); exits 1 on FAIL. */
export function runIfMain(moduleUrl: string, bench: () => Promise<BenchResult>): void {
  const entry = process.argv[1]
  if (!entry || pathToFileURL(resolve(entry)).href !== moduleUrl) return
  bench().then(
    (result) => {
      process.exitCode = result.pass === false ? 1 : 0
    },
    (error: unknown) => {
      console.error(error)
      process.exitCode = 1
    },
  )
}

export const jsonRequest = (
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

/** Hands `use` a fresh temporary directory, and removes it whatever happens. */
export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-'))
  try {
    return await use(dir)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Starts DynamoDB Local, hands `use` its endpoint, and stops it whatever happens. */
export async function withDynamoDbLocal<T>(use: (endpoint: string) => Promise<T>): Promise<T> {
  const dynamo = await startDynamoDbLocal()
  try {
    return await use(dynamo.endpoint)
  } finally {
    await dynamo.stop()
  }
}

/** A document client for DynamoDB Local, as the app builds it (pooled keep-alive sockets, 3 attempts). */
export const createBenchClient = (endpoint: string) => createDocumentClient({ region: 'us-east-1', endpoint })

/**
 * The real app on a fresh table, with site {@link SITE_ID} for {@link ORIGIN} allowing 1000 posts a
 * minute from the one client IP every request comes from (unless `options.clientIp` reads one off
 * each request); `site` adds to that site's config.
 */
export async function createBenchApp(
  client: DynamoDBDocumentClient,
  endpoint: string,
  options: Partial<Pick<DepsOptions, 'clientIp' | 'storeDeadlineMs'>> = {},
  site: Record<string, unknown> = {},
) {
  const tableName = `bench-${randomUUID()}`
  const streamArn = await ensureTable(client, tableName)
  const config = {
    tableName,
    region: 'us-east-1',
    dynamoDbEndpoint: endpoint,
    secret: randomBytes(32),
    previousSecret: undefined,
    adminKey: undefined,
  }
  const deps = createDeps(config, { client, clientIp: () => '192.0.2.1', ...options })
  const created = await deps.sites.create({
    id: SITE_ID,
    name: 'Benchmark blog',
    origins: [ORIGIN],
    limits: { commentsPerMinutePerIp: 1000 },
    ...site,
  })
  return { app: createApp(deps), deps, site: created, tableName, config, streamArn }
}

export type BenchApp = Awaited<ReturnType<typeof createBenchApp>>['app']

/** Posts a guest comment (a reply when `parentId` is given); throws unless it is created. */
export async function postComment(
  app: BenchApp,
  body: string,
  parentId?: string,
): Promise<PostCommentResponse> {
  const input = { page: PAGE, body, author: { name: 'Ada' }, ...(parentId && { parentId }) }
  const res = await app.request(`/v1/sites/${SITE_ID}/comments`, jsonRequest('POST', input))
  const json: unknown = await res.json()
  if (res.status !== 201) throw new Error(`post answered ${res.status}: ${JSON.stringify(json)}`)
  return json as PostCommentResponse
}
