import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs'
import type { WebhookJob } from './webhook-job.js'

/** Where webhook jobs wait for their (next) attempt. `schedule(job, 0)` for a new one. */
export interface WebhookRetryQueue {
  schedule(job: WebhookJob, delayMs: number): Promise<void>
}

/**
 * An in-process queue (local mode, tests): each job runs `process` after its delay, on a timer that
 * keeps no process alive. `close()` drops what waits; `idle()` settles when nothing waits or runs.
 */
export function createTimerRetryQueue(
  process: (job: WebhookJob) => Promise<unknown>,
  onError: (err: unknown, job: WebhookJob) => void = () => {},
) {
  const timers = new Set<NodeJS.Timeout>()
  const running = new Set<Promise<unknown>>()
  let closed = false
  return {
    async schedule(job: WebhookJob, delayMs: number): Promise<void> {
      if (closed) return
      const { notBefore: _n, ...fresh } = job
      const timer = setTimeout(
        () => {
          timers.delete(timer)
          const run = process(fresh)
            .catch((err: unknown) => onError(err, fresh))
            .finally(() => running.delete(run))
          running.add(run)
        },
        Math.max(0, delayMs),
      )
      timer.unref()
      timers.add(timer)
    },
    /** How many jobs wait for their timer. */
    waiting: () => timers.size,
    /** Settles once every job that is running now has finished. */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running])
    },
    close(): void {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  } satisfies WebhookRetryQueue & Record<string, unknown>
}

/** SQS delays a message at most 15 minutes. */
export const MAX_SQS_DELAY_SECONDS = 900

/**
 * The queue in AWS: one SQS message per job. A pause longer than SQS allows is carried in the job
 * as `notBefore`: the consumer's `processWebhookJob` queues it again until then. `schedule` throws
 * what SQS's SendMessage throws (the caller fails the record, so the stream or queue retries it).
 */
export function createSqsRetryQueue(client: SQSClient, queueUrl: string, clock: () => number = Date.now) {
  return {
    async schedule(job: WebhookJob, delayMs: number): Promise<void> {
      const { notBefore: _n, ...fresh } = job
      const seconds = Math.max(0, Math.ceil(delayMs / 1000))
      const message = seconds > MAX_SQS_DELAY_SECONDS ? { ...fresh, notBefore: clock() + delayMs } : fresh
      await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: JSON.stringify(message),
          DelaySeconds: Math.min(seconds, MAX_SQS_DELAY_SECONDS),
        }),
      )
    },
  } satisfies WebhookRetryQueue
}
