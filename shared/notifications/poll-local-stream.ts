import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams'
import type { Logger } from '../log.js'
import type { BatchResponse } from './run-notifier.js'

export interface LocalStreamOptions {
  client: DynamoDBStreamsClient
  streamArn: string
  /** Where to start in the shards open now: `LATEST` (what is written from now on) or `TRIM_HORIZON`. */
  from?: 'LATEST' | 'TRIM_HORIZON'
  /** How long to wait between reads of every shard. */
  intervalMs?: number
  /** One batch of records, as Lambda would hand them over; failures are read again after a pause. */
  onBatch(records: _Record[]): Promise<BatchResponse>
  log: Logger
}

interface ShardState {
  iterator: string | undefined
  /** Where to start again when the iterator is given up: at a failed record, or after the last handled. */
  resume:
    | { ShardIteratorType: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; SequenceNumber: string }
    | undefined
  start: ShardIteratorType
  done: boolean
  /** Epoch ms before which the shard is not read (after a failed batch). */
  pauseUntil: number
}

const RETRY_MS = 1_000
const LOST_ITERATOR = new Set([
  'ExpiredIteratorException',
  'TrimmedDataAccessException',
  'ResourceNotFoundException',
])
const DESCRIBE_EVERY_MS = 5_000

/**
 * Reads DynamoDB Local's stream of the table like Lambda's event source mapping does in AWS:
 * DescribeStream for the shards, an iterator per shard, GetRecords every `intervalMs`, child shards
 * followed once their parent is read to its end. A batch the handler fails (partially) is read
 * again from the first failed record after a pause; the delivery ledger makes a record read twice
 * send nothing twice. `ready` settles once the shards open now are being read: what is written
 * after it is seen.
 */
export function pollLocalStream(options: LocalStreamOptions) {
  const { client, streamArn, log, intervalMs = 250 } = options
  const shards = new Map<string, ShardState>()
  let stopped = false
  /** A shard was read to its end: its children are to be found. */
  let ended = false
  let timer: NodeJS.Timeout | undefined
  let wake: (() => void) | undefined
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve
      timer = setTimeout(resolve, ms)
    })

  async function discover(first: boolean) {
    const found: Shard[] = []
    let ExclusiveStartShardId: string | undefined
    do {
      const { StreamDescription } = await client.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId }),
      )
      found.push(...(StreamDescription?.Shards ?? []))
      ExclusiveStartShardId = StreamDescription?.LastEvaluatedShardId
    } while (ExclusiveStartShardId)
    for (const shard of found) {
      const id = shard.ShardId
      if (!id || shards.has(id)) continue
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined
      const parent = shard.ParentShardId ? shards.get(shard.ParentShardId) : undefined
      // A child is read once its parent is done, so one item's changes come in order.
      if (parent && !parent.done) continue
      const start = first ? (options.from ?? 'LATEST') : 'TRIM_HORIZON'
      // A shard closed before we started has nothing new for a reader starting at the latest record.
      const done = first && closed && start === 'LATEST'
      const state: ShardState = { iterator: undefined, resume: undefined, start, done, pauseUntil: 0 }
      // Taken now, before `ready`: a LATEST iterator taken later would pass over what came between.
      if (!done) state.iterator = await iteratorOf(id, state)
      shards.set(id, state)
    }
  }

  async function iteratorOf(shardId: string, state: ShardState) {
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(state.resume ?? { ShardIteratorType: state.start }),
      }),
    )
    return ShardIterator
  }

  async function readShard(shardId: string, state: ShardState) {
    state.iterator ??= await iteratorOf(shardId, state)
    if (!state.iterator) {
      state.done = ended = true
      return
    }
    const { Records = [], NextShardIterator } = await client.send(
      new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }),
    )
    if (Records.length > 0) {
      const { batchItemFailures } = await options.onBatch(Records)
      const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier))
      const firstFailed = Records.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''))
      const failedAt = firstFailed < 0 ? undefined : Records[firstFailed]?.dynamodb?.SequenceNumber
      if (failedAt) {
        // Read again from the first failed record, after a pause.
        state.resume = { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: failedAt }
        state.iterator = undefined
        state.pauseUntil = Date.now() + RETRY_MS
        return
      }
      const last = Records.at(-1)?.dynamodb?.SequenceNumber
      if (last) state.resume = { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last }
    }
    state.iterator = NextShardIterator
    if (!NextShardIterator) state.done = ended = true
  }

  const loop = (async () => {
    let described = 0
    while (!stopped) {
      try {
        if (described === 0 || ended || Date.now() - described > DESCRIBE_EVERY_MS) {
          ended = false
          await discover(described === 0)
          described = Date.now()
          markReady()
        }
        for (const [id, state] of shards) {
          if (stopped) break
          if (state.done || state.pauseUntil > Date.now()) continue
          try {
            await readShard(id, state)
          } catch (err) {
            // A failed read may be tried again with the same iterator; one that expired (or whose
            // records were trimmed) is given up, to start again where the shard was left.
            if (err instanceof Error && LOST_ITERATOR.has(err.name)) state.iterator = undefined
            state.pauseUntil = Date.now() + RETRY_MS
            if (!stopped) log('warn', 'local stream read failed', { error: err })
          }
        }
      } catch (err) {
        if (!stopped) log('warn', 'local stream unavailable', { error: err })
        if (!stopped) await sleep(RETRY_MS)
      }
      if (!stopped) await sleep(intervalMs)
    }
  })()

  return {
    ready,
    /** Stops reading; resolves once the read under way (and its batch) is done. */
    async stop() {
      stopped = true
      clearTimeout(timer)
      wake?.()
      markReady()
      await loop
    },
  }
}
