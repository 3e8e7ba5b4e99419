import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import { afterEach } from 'vitest'
import { createNotifierBase, createNotifierDeps } from '../../functions/notifier/create-notifier-deps.js'
import type { DeliveryPlan } from '../../shared/notifications/delivery-plan.js'
import type { MailCaps } from '../../shared/notifications/mail-caps.js'
import { createNotifierContext } from '../../shared/notifications/notifier-context.js'
import { pollLocalStream } from '../../shared/notifications/poll-local-stream.js'
import { runNotifier } from '../../shared/notifications/run-notifier.js'
import { createTestApp, type TestAppOptions } from '../helpers/test-app.js'
import { HOSTS, testNetwork } from '../webhooks/network.js'
import { recordingParts } from './recording-parts.js'

export const MODERATORS = ['mod-one@blog.example', 'mod-two@blog.example']

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

/**
 * The test app with the notifier reading its table's real stream (DynamoDB Local), as `npm start`
 * runs it; the mail module's repositories are real, deliveries recorded. Stopped after each test.
 */
export async function createNotifiedApp(
  options: TestAppOptions & { caps?: MailCaps; intervalMs?: number } = {},
) {
  const t = await createTestApp({
    // Sites' webhooks are checked when saved: the tests' public host names resolve here.
    webhookNetwork: testNetwork(HOSTS).network,
    ...options,
    site: { moderation: 'pre', notifications: { moderatorEmails: MODERATORS }, ...options.site },
  })
  const mail = recordingParts(t.deps.store, t.clock)
  const logs: unknown[][] = []
  const base = createNotifierBase(t.config, {
    client: t.client,
    clock: t.clock,
    log: (...entry) => void logs.push(entry),
    ...(options.caps && { caps: options.caps }),
  })
  const ctx = createNotifierContext(createNotifierDeps(base, mail.parts))
  const streams = new DynamoDBStreamsClient({
    region: 'us-east-1',
    endpoint: t.config.dynamoDbEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
  const poller = pollLocalStream({
    client: streams,
    streamArn: t.streamArn,
    from: 'TRIM_HORIZON',
    intervalMs: options.intervalMs ?? 50,
    log: (...entry) => void logs.push(entry),
    onBatch: (records) => runNotifier(ctx, records),
  })
  stops.push(async () => {
    await poller.stop()
    streams.destroy()
  })
  await poller.ready
  return { ...t, mail, ctx, notifierLogs: logs, streams }
}

/** Waits until `check` holds (the poller works in the background), failing after `ms`. */
export async function eventually<T>(check: () => T | undefined | false, ms = 8_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() > until) throw new Error('the condition did not hold in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Lets the poller read the stream a few more times, so a test can tell that nothing more comes. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 600))

export const kinds = (plans: DeliveryPlan[]) => plans.map((p) => p.kind)
export const ofKind = <K extends DeliveryPlan['kind']>(plans: DeliveryPlan[], kind: K) =>
  plans.filter((p): p is Extract<DeliveryPlan, { kind: K }> => p.kind === kind)
