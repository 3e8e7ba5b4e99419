import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { Config } from '../../shared/config.js'
import type { Logger } from '../../shared/log.js'
import { createNotifierContext } from '../../shared/notifications/notifier-context.js'
import { pollLocalStream } from '../../shared/notifications/poll-local-stream.js'
import { runDigest } from '../../shared/notifications/run-digest.js'
import { runNotifier } from '../../shared/notifications/run-notifier.js'
import { createNotifierDeps, type NotifierParts } from './create-notifier-deps.js'

const HOUR_MS = 3_600_000

export interface LocalNotifierOptions {
  config: Config
  client: DynamoDBDocumentClient
  streamArn: string
  parts: NotifierParts
  log: Logger
}

/**
 * The notifier of local mode (`npm start`): the same code as the Lambda's, fed by DynamoDB Local's
 * stream, with the digests on in-process timers. `stop()` ends the polling and the timers.
 */
export function startLocalNotifier({ config, client, streamArn, parts, log }: LocalNotifierOptions) {
  const streams = new DynamoDBStreamsClient({
    region: config.region,
    ...(config.dynamoDbEndpoint && {
      endpoint: config.dynamoDbEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  })
  const ctx = createNotifierContext(createNotifierDeps(config, parts, { client, log }))
  const poller = pollLocalStream({
    client: streams,
    streamArn,
    log,
    onBatch: (records) => runNotifier(ctx, records),
  })
  const digest = (period: 'hourly' | 'daily') => () =>
    void runDigest(ctx, period).catch((err: unknown) => log('error', 'digest failed', { period, error: err }))
  const timers = [setInterval(digest('hourly'), HOUR_MS), setInterval(digest('daily'), 24 * HOUR_MS)]
  for (const timer of timers) timer.unref()
  return {
    ready: poller.ready,
    async stop() {
      for (const timer of timers) clearInterval(timer)
      await poller.stop()
      streams.destroy()
    },
  }
}
