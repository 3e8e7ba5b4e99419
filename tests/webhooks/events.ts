// Notification events as the notifier reads them, and the deps a webhook job runs with.
import { type CommentRecord, CommentRecordSchema } from '../../shared/comments/comment-record.js'
import { createDeliveryLedger, type DeliveryLedger } from '../../shared/notifications/delivery-ledger.js'
import type { NotificationEvent } from '../../shared/notifications/notification-event.js'
import type { WebhookJobDeps } from '../../shared/webhooks/process-webhook-job.js'
import type { WebhookJob } from '../../shared/webhooks/webhook-job.js'
import type { WebhookNetwork } from '../../shared/webhooks/webhook-target.js'
import { PAGE, type TestApp } from '../helpers/test-app.js'

export const SECRET_EMAIL = 'ada.private@example.com'
export const SECRET_IP_HASH = 'iphash-never-shown-0123456789'

export const commentRecord = (overrides: Partial<CommentRecord> = {}): CommentRecord =>
  CommentRecordSchema.parse({
    id: 'c1',
    siteId: 'demo',
    pageKey: PAGE,
    pageUrl: PAGE,
    parentId: null,
    depth: 0,
    paths: { oldest: '0001', newest: '0001' },
    body: 'Great **post**',
    html: '<p>Great <strong>post</strong></p>',
    author: {
      name: 'Ada',
      email: SECRET_EMAIL,
      website: null,
      avatar: null,
      provider: 'guest',
      verified: false,
      moderator: false,
    },
    status: 'published',
    createdAt: Date.now(),
    editedAt: null,
    userId: null,
    editTokenHash: 'edit-token-hash',
    ipHash: SECRET_IP_HASH,
    userAgent: 'test-agent',
    ...overrides,
  })

/** One event of each type, at `now`. */
export function everyEvent(now: number, comment = commentRecord()): NotificationEvent[] {
  return [
    { id: 'e-created', type: 'comment.created', siteId: 'demo', at: now, comment },
    {
      id: 'e-published',
      type: 'comment.published',
      siteId: 'demo',
      at: now,
      comment,
      previous: { ...comment, status: 'pending' },
    },
    {
      id: 'e-deleted',
      type: 'comment.deleted',
      siteId: 'demo',
      at: now,
      comment: { ...comment, status: 'deleted' },
    },
    {
      id: 'e-feedback',
      type: 'feedback.created',
      siteId: 'demo',
      at: now,
      feedback: { page: PAGE, vote: 'down', message: 'Could be clearer' },
    },
  ]
}

/** A queue that keeps what is scheduled, so a test runs each retry when it chooses. */
export function recordingQueue() {
  const scheduled: { job: WebhookJob; delayMs: number }[] = []
  return {
    scheduled,
    schedule: async (job: WebhookJob, delayMs: number) => void scheduled.push({ job, delayMs }),
  }
}

export function jobDeps(
  t: TestApp,
  network: WebhookNetwork,
  overrides: Partial<WebhookJobDeps> & { ledger?: DeliveryLedger } = {},
) {
  const queue = recordingQueue()
  const deps: WebhookJobDeps = {
    store: t.deps.store,
    keys: t.deps.keys,
    clock: t.clock,
    network,
    log: t.deps.log,
    sites: t.deps.sites,
    ledger: createDeliveryLedger(t.deps.store),
    queue,
    ...overrides,
  }
  return { deps, queue }
}
