/**
 * Cold start to the first answer: what a reader behind a cold Lambda waits for, which import time
 * alone (`cold-start.ts`) does not show.
 *
 * On DynamoDB Local with a site and 20 comments, fresh `node` processes import a build and answer
 * one request, taking turns: (a) the Lambda function as it ships (`buildLambda`) handling an HTTP API
 * event for the page's comments, (b) the cold-start baseline (only the DynamoDB document client, same
 * build) answering with the one Query the app makes for that list. Each child times its import and its first answer. A third
 * child times the first use of Node's Fetch API classes (Request, Response), which Hono's Lambda
 * adapter needs for every event and Node loads on first use.
 *
 * Budget: report only. `RUNS`, `LAMBDA_NODE` and `COMPARE` as in `cold-start.ts`.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { buildLambda } from '../functions/api/build.js'
import { lambdaNode } from '../infra/lambda-node.js'
import { threadKey } from '../shared/db/item-keys.js'
import { TABLE_INDEXES } from '../shared/db/table-schema.js'
import { resolvePage } from '../shared/pages/page-ref.js'
import {
  type BenchResult,
  buildComparedLambda,
  createBenchApp,
  createBenchClient,
  median,
  nodeVersion,
  PAGE,
  postComment,
  REPO_ROOT,
  runIfMain,
  SITE_ID,
  takingTurns,
  verdict,
  withDynamoDbLocal,
  withTempDir,
} from './bench-kit.js'

const RUNS = Number(process.env.RUNS ?? 21) // per build, after one discarded warm-up each
const run = promisify(execFile)

const BASELINE_ENTRY = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb'
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT }),
)
// The Query the app makes for the same list, given by the bench.
export const handler = async () => {
  const { Items } = await client.send(new QueryCommand(JSON.parse(process.env.BENCH_QUERY)))
  return { statusCode: 200, body: JSON.stringify(Items) }
}
`

// Runs in the child: import, then answer the event; prints both times.
const FIRST_ANSWER = `
const t = performance.now()
const { handler } = await import(process.argv[1])
const imported = performance.now()
const result = await handler(JSON.parse(process.argv[2]), {})
if (result.statusCode !== 200) throw new Error(result.statusCode + ' ' + result.body)
process.stdout.write(JSON.stringify([imported - t, performance.now() - t]))
`
const FETCH_API_FIRST_USE = `
const t = performance.now()
await new Response(new Request('https://api.example/v1', { headers: { a: 'b' } }).body).text()
process.stdout.write(JSON.stringify([0, performance.now() - t]))
`

/** An HTTP API (payload 2.0) event for a GET, as API Gateway hands it to the function. */
function getEvent(path: string, query: Record<string, string>) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    queryStringParameters: query,
    headers: { host: 'api.example', 'user-agent': 'bench' },
    requestContext: {
      domainName: 'api.example',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: '$default',
      stage: '$default',
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  }
}

export async function firstRequest(): Promise<BenchResult> {
  console.log('== first-request: import + first answer of a cold process, API vs baseline ==')
  const node = await lambdaNode()
  return withTempDir(async (dir) => {
    const api = await buildLambda({ outdir: join(dir, 'api') })
    const compared = await buildComparedLambda(join(dir, 'compared'))
    const baseline = await buildLambda({
      outdir: join(dir, 'baseline'),
      entry: { contents: BASELINE_ENTRY, resolveDir: REPO_ROOT },
    })
    return await withDynamoDbLocal(async (endpoint) => {
      const client = createBenchClient(endpoint)
      try {
        const { app, site, tableName } = await createBenchApp(client, endpoint)
        for (let i = 0; i < 20; i++) await postComment(app, `Comment ${i}`)
        const env = {
          PATH: process.env.PATH ?? '',
          TABLE_NAME: tableName,
          DYNAMODB_ENDPOINT: endpoint,
          PARLEY_SECRET: 'b'.repeat(43),
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          BENCH_QUERY: JSON.stringify({
            TableName: tableName,
            IndexName: TABLE_INDEXES.threadOldest.name,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': TABLE_INDEXES.threadOldest.pk },
            ExpressionAttributeValues: { ':pk': threadKey(SITE_ID, resolvePage(site, PAGE).key) },
            Limit: 51, // as the app: its default limit + 1, and the page's own item
          }),
        }
        const event = JSON.stringify(getEvent(`/v1/sites/${SITE_ID}/comments`, { page: PAGE }))
        const child = async (script: string, entry?: string) => {
          const args = [
            '--input-type=module',
            '-e',
            script,
            ...(entry ? [pathToFileURL(entry).href, event] : []),
          ]
          const { stdout } = await run(node, args, { env, timeout: 30_000 })
          return JSON.parse(stdout) as [number, number]
        }
        const times = await takingTurns(RUNS, {
          api: () => child(FIRST_ANSWER, api.entryFile),
          baseline: () => child(FIRST_ANSWER, baseline.entryFile),
          fetchApi: () => child(FETCH_API_FIRST_USE),
          compared: compared && (() => child(FIRST_ANSWER, compared.entryFile)),
        })
        const at = (name: keyof typeof times, k: 0 | 1) => median(times[name].map((t) => t[k]))
        const [apiImport, apiTotal] = [at('api', 0), at('api', 1)]
        const [baseImport, baseTotal] = [at('baseline', 0), at('baseline', 1)]
        const ratio = apiTotal / baseTotal
        console.log(
          `  fresh processes of node ${await nodeVersion(node)}: ${RUNS} per side (+1 warm-up each), taking turns`,
        )
        console.log(
          `  API      import ${apiImport.toFixed(1)} ms, first answer (list of 20) after ${apiTotal.toFixed(1)} ms`,
        )
        console.log(
          `  baseline import ${baseImport.toFixed(1)} ms, first answer (one Query) after ${baseTotal.toFixed(1)} ms`,
        )
        console.log(`  ratio API/baseline to the first answer ${ratio.toFixed(3)} (${verdict(undefined)})`)
        if (compared) {
          const [comparedImport, comparedTotal] = [at('compared', 0), at('compared', 1)]
          console.log(
            `  compared with ${compared.checkout}, the same rounds: import ${comparedImport.toFixed(1)} ms, ` +
              `first answer after ${comparedTotal.toFixed(1)} ms, ratio to baseline ` +
              `${(comparedTotal / baseTotal).toFixed(3)}, API/that ${(apiTotal / comparedTotal).toFixed(3)}`,
          )
        }
        console.log(
          `  of the API's first request: Node's Fetch API classes on first use ${at('fetchApi', 1).toFixed(1)} ms`,
        )
        return {
          name: 'first-request',
          figures: `API ${apiTotal.toFixed(1)} ms, baseline ${baseTotal.toFixed(1)} ms to the first answer, ratio ${ratio.toFixed(3)}`,
          budget: 'report only',
          pass: undefined,
        }
      } finally {
        client.destroy()
      }
    })
  })
}

runIfMain(import.meta.url, firstRequest)
