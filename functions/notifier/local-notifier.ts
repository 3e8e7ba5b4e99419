import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import type { Config } from '../../shared/config.js'
import type { Logger } from '../../shared/log.js'
import type { Mailer } from '../../shared/mail/mail-message.js'
import type { MailCaps } from '../../shared/notifications/mail-caps.js'
import { pollLocalStream } from '../../shared/notifications/poll-local-stream.js'
import { redactError } from '../../shared/notifications/redact-error.js'
import { runDigest } from '../../shared/notifications/run-digest.js'
import { runNotifier } from '../../shared/notifications/run-notifier.js'
import { createTimerRetryQueue } from '../../shared/webhooks/retry-queue.js'
import { systemNetwork } from '../../shared/webhooks/system-network.js'
import type { WebhookNetwork } from '../../shared/webhooks/webhook-target.js'
import { createNotifier } from './create-notifier.js'

const HOUR_MS = 3_600_000

export interface LocalNotifierOptions {
  config: Config
  client: DynamoDBDocumentClient
  streamArn: string
  /** The local server's origin (`http://localhost:<port>`): the links in mails point there. */
  apiOrigin: string
  /** `createLocalMailer(…)`: SMTP_URL, else `.eml` files in DATA_DIR/outbox. */
  mailer: Mailer
  log: Logger
  /** Loopback receivers allowed, as the contract says for local mode. */
  network?: WebhookNetwork
  /** Where the stream is read from in the shards open now (`LATEST`, as in AWS). */
  from?: 'LATEST' | 'TRIM_HORIZON'
  intervalMs?: number
  clock?: () => number
  caps?: MailCaps
}

/**
 * The notifier of local mode (`npm start`): the same code as the Lambda's, fed by DynamoDB Local's
 * stream, webhook jobs on in-process timers, the digests on in-process timers. `stop()` ends the
 * polling, the queue's timers and the digests', and settles once nothing runs.
 */
export function startLocalNotifier(options: LocalNotifierOptions) {
  const { config, client, streamArn, log } = options
  const streams = new DynamoDBStreamsClient({
    region: config.region,
    ...(config.dynamoDbEndpoint && {
      endpoint: config.dynamoDbEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  })
  const { ctx, queue } = createNotifier(
    config,
    {
      apiOrigin: options.apiOrigin,
      mailer: options.mailer,
      network: options.network ?? systemNetwork,
      queue: (run) =>
        createTimerRetryQueue(run, (err) => log('error', 'webhook job failed', { error: redactError(err) })),
    },
    {
      client,
      log,
      ...(options.clock && { clock: options.clock }),
      ...(options.caps && { caps: options.caps }),
    },
  )
  const poller = pollLocalStream({
    client: streams,
    streamArn,
    log,
    ...(options.from && { from: options.from }),
    ...(options.intervalMs && { intervalMs: options.intervalMs }),
    onBatch: (records) => runNotifier(ctx, records),
  })
  const digest = (period: 'hourly' | 'daily') => () =>
    void runDigest(ctx, period).catch((err: unknown) =>
      log('error', 'digest failed', { period, error: redactError(err) }),
    )
  const timers = [setInterval(digest('hourly'), HOUR_MS), setInterval(digest('daily'), 24 * HOUR_MS)]
  for (const timer of timers) timer.unref()
  return {
    ctx,
    ready: poller.ready,
    /** Jobs waiting for their timer, and a way to wait for the running ones (tests). */
    webhooks: { waiting: queue.waiting, idle: queue.idle },
    async stop() {
      for (const timer of timers) clearInterval(timer)
      await poller.stop()
      queue.close()
      await queue.idle()
      streams.destroy()
    },
  }
}
