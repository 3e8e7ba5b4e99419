/**
 * Warm list latency: what the API adds around the one DynamoDB Query a page of comments costs.
 *
 * On DynamoDB Local, posts 100 comments (some replies) to one page, then alternates 200 times
 * (a) `GET /v1/sites/bench/comments?page=…&limit=100` through `app.request`, response JSON parsed, and
 * (b) the same Query on the `thread-oldest` index with the same document client.
 * Prints both medians and their ratio.
 *
 * Budget: report only (warns when API / raw Query > 3).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb'
import type { ListCommentsResponse } from '../shared/contracts/index.js'
import { threadKey } from '../shared/db/item-keys.js'
import { TABLE_INDEXES } from '../shared/db/table-schema.js'
import { resolvePage } from '../shared/pages/page-ref.js'
import {
  type BenchResult,
  createBenchApp,
  createBenchClient,
  median,
  PAGE,
  postComment,
  runIfMain,
  SITE_ID,
  verdict,
  withDynamoDbLocal,
} from './bench-kit.js'

const COMMENTS = 100
const ROUNDS = 200
const WARM_UP = 20
const WARN_RATIO = 3

export async function warmList(): Promise<BenchResult> {
  console.log('== warm-list: GET a page of 100 comments through the app vs the raw DynamoDB Query ==')
  return withDynamoDbLocal(async (endpoint) => {
    const client = createBenchClient(endpoint)
    try {
      const { app, site, tableName } = await createBenchApp(client, endpoint)
      const topLevel: string[] = []
      for (let i = 0; i < COMMENTS; i++) {
        const parentId = i % 4 === 3 ? topLevel[(i * 7) % topLevel.length] : undefined
        const { comment } = await postComment(
          app,
          `Comment ${i}: *thanks* for [the post](https://example.com/${i}).`,
          parentId,
        )
        if (!parentId) topLevel.push(comment.id)
      }

      const url = `/v1/sites/${SITE_ID}/comments?page=${encodeURIComponent(PAGE)}&limit=${COMMENTS}`
      const viaApp = async () => {
        const res = await app.request(url)
        const body = (await res.json()) as ListCommentsResponse
        if (res.status !== 200 || body.comments.length !== COMMENTS)
          throw new Error(`list answered ${res.status}`)
      }
      // The app asks for limit + 1 comments (is there more?) plus the page's own item first in the thread.
      const index = TABLE_INDEXES.threadOldest
      const query = new QueryCommand({
        TableName: tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.pk },
        ExpressionAttributeValues: { ':pk': threadKey(SITE_ID, resolvePage(site, PAGE).key) },
        Limit: COMMENTS + 2,
      })
      const rawQuery = async () => {
        const { Items = [] } = await client.send(query)
        if (Items.length !== COMMENTS + 1) throw new Error(`raw query returned ${Items.length} items`)
      }

      const time = async (operation: () => Promise<void>) => {
        const start = performance.now()
        await operation()
        return performance.now() - start
      }
      for (let i = 0; i < WARM_UP; i++) await Promise.all([time(viaApp), time(rawQuery)])
      const appMs: number[] = []
      const rawMs: number[] = []
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) {
          appMs.push(await time(viaApp))
          rawMs.push(await time(rawQuery))
        } else {
          rawMs.push(await time(rawQuery))
          appMs.push(await time(viaApp))
        }
      }
      const app50 = median(appMs)
      const raw50 = median(rawMs)
      const ratio = app50 / raw50
      console.log(
        `  ${COMMENTS} comments on one page (${COMMENTS - topLevel.length} replies), ${ROUNDS} rounds alternating`,
      )
      console.log(`  app GET (round trip + JSON parse) median ${app50.toFixed(2)} ms`)
      console.log(`  raw Query (same document client)  median ${raw50.toFixed(2)} ms`)
      console.log(`  ratio app/raw ${ratio.toFixed(2)}: ${verdict(undefined)}`)
      if (ratio > WARN_RATIO)
        console.log(`  WARNING: ratio above ${WARN_RATIO}: the app adds more than the Query costs`)
      return {
        name: 'warm-list',
        figures: `app ${app50.toFixed(2)} ms, raw Query ${raw50.toFixed(2)} ms, ratio ${ratio.toFixed(2)}`,
        budget: `report only (warn > ${WARN_RATIO})`,
        pass: undefined,
      }
    } finally {
      client.destroy()
    }
  })
}

runIfMain(import.meta.url, warmList)
