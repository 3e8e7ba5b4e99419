import { createHash } from 'node:crypto'
import { SQSClient } from '@aws-sdk/client-sqs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSqsRetryQueue,
  createTimerRetryQueue,
  MAX_SQS_DELAY_SECONDS,
} from '../../shared/webhooks/retry-queue.js'
import { nextRetryDelay, RETRY_WINDOW_MS } from '../../shared/webhooks/retry-schedule.js'
import { parseWebhookJob, type WebhookJob } from '../../shared/webhooks/webhook-job.js'
import { type Receiver, startReceiver } from './receiver.js'

const job: WebhookJob = {
  siteId: 'demo',
  webhookId: 'h1',
  messageId: 'msg_0123456789abcdef',
  eventType: 'comment.created',
  payload: { type: 'comment.created' },
  attempt: 1,
  firstAttemptAt: Date.parse('2026-11-27T12:00:00Z'),
}

const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe('the timer retry queue', () => {
  it('runs each job after its delay, and runs nothing once closed', async () => {
    const ran: WebhookJob[] = []
    const queue = createTimerRetryQueue(async (j) => void ran.push(j))
    closers.push(queue.close)
    await queue.schedule({ ...job, notBefore: 1 }, 20)
    await queue.schedule({ ...job, attempt: 2 }, 5_000)
    expect(queue.waiting()).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 60))
    await queue.idle()
    expect(ran).toEqual([job])
    queue.close()
    expect(queue.waiting()).toBe(0)
    await queue.schedule(job, 0)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(ran).toHaveLength(1)
  })

  it('reports a job that throws, and keeps running the others', async () => {
    const errors: unknown[] = []
    const ran: number[] = []
    const queue = createTimerRetryQueue(
      async (j) => {
        if (j.attempt === 1) throw new Error('store down')
        ran.push(j.attempt)
      },
      (err) => errors.push(err),
    )
    closers.push(queue.close)
    await queue.schedule(job, 0)
    await queue.schedule({ ...job, attempt: 2 }, 0)
    await new Promise((resolve) => setTimeout(resolve, 30))
    await queue.idle()
    expect(ran).toEqual([2])
    expect(errors).toHaveLength(1)
  })
})

/** A loopback SQS endpoint (the SDK's JSON protocol): it keeps what it was sent. */
async function startSqs(): Promise<Receiver> {
  const sqs = await startReceiver((res, request) => {
    const { MessageBody } = JSON.parse(request.body) as { MessageBody: string }
    res.setHeader('Content-Type', 'application/x-amz-json-1.0')
    res.end(
      JSON.stringify({
        MessageId: `m-${sqs.received.length}`,
        MD5OfMessageBody: createHash('md5').update(MessageBody).digest('hex'),
      }),
    )
  })
  closers.push(sqs.close)
  return sqs
}

describe('the SQS retry queue', () => {
  it('sends a job with its delay, and a delay past 15 minutes as the longest delay and notBefore', async () => {
    const sqs = await startSqs()
    const client = new SQSClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${sqs.port}`,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    })
    closers.push(() => client.destroy())
    const now = Date.parse('2026-11-28T00:00:00Z')
    const queue = createSqsRetryQueue(client, `http://127.0.0.1:${sqs.port}/000000000000/webhooks`, () => now)
    await queue.schedule(job, 0)
    await queue.schedule({ ...job, attempt: 2, notBefore: 5 }, 300_000)
    await queue.schedule({ ...job, attempt: 3 }, 7_200_000)
    const sent = sqs.received.map((r) => {
      const input = JSON.parse(r.body) as { QueueUrl: string; MessageBody: string; DelaySeconds: number }
      expect(r.headers['x-amz-target']).toBe('AmazonSQS.SendMessage')
      return { delay: input.DelaySeconds, job: parseWebhookJob(JSON.parse(input.MessageBody)) }
    })
    expect(sent).toEqual([
      { delay: 0, job },
      { delay: 300, job: { ...job, attempt: 2 } },
      { delay: MAX_SQS_DELAY_SECONDS, job: { ...job, attempt: 3, notBefore: now + 7_200_000 } },
    ])
  })
})

describe('a queue message that is not a job', () => {
  it.each([null, {}, { ...job, messageId: 'x' }, { ...job, attempt: 0 }, { ...job, payload: 'text' }])(
    'is refused: %j',
    (value) => {
      expect(() => parseWebhookJob(value)).toThrow(TypeError)
    },
  )
})

describe('the retry schedule', () => {
  it('backs off exponentially with jitter and ends 24 h after the first attempt', () => {
    const first = 0
    let now = first
    const delays: number[] = []
    for (let attempt = 1; ; attempt++) {
      const delay = nextRetryDelay(attempt, first, now, () => 1)
      if (delay === undefined) break
      delays.push(delay)
      now += delay
    }
    expect(delays[0]).toBe(5_500)
    for (let i = 1; i < 6; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] ?? 0)
    expect(now).toBe(first + RETRY_WINDOW_MS)
    expect(delays.length).toBeGreaterThanOrEqual(8)
    expect(nextRetryDelay(1, 0, 0, () => 0)).toBe(4_500)
  })
})
