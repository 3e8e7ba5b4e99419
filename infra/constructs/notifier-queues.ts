import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib'
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'

export interface NotifierQueuesProps {
  /** The notifier's timeout: a received job stays invisible six times as long (AWS's advice for SQS event sources). */
  functionTimeout: Duration
}

/** Receives per job before it is set aside: each receive is one crashed attempt, not a receiver's 500. */
export const WEBHOOK_MAX_RECEIVES = 5

/**
 * The notifier's queues, all encrypted by SQS (no KMS key to pay for) and refusing plain HTTP:
 * - `webhooks`: webhook jobs waiting for their next attempt (delays up to 15 minutes; a later
 *   attempt is carried in the job and re-queued), consumed by the notifier;
 * - `webhookDeadLetters`: jobs whose processing crashed {@link WEBHOOK_MAX_RECEIVES} times;
 * - `failures`: whatever the notifier could not handle: stream batches past their retries, schedule
 *   and SES events that failed or could not be delivered to it.
 * Both dead-letter queues have an alarm (see `alarms.ts`).
 */
export class NotifierQueues extends Construct {
  readonly webhooks: Queue
  readonly webhookDeadLetters: Queue
  readonly failures: Queue

  constructor(scope: Construct, id: string, props: NotifierQueuesProps) {
    super(scope, id)
    const common = {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    }
    // Kept the longest SQS allows, so whoever the alarm wakes has two weeks to look.
    const deadLetter = { ...common, retentionPeriod: Duration.days(14) }
    this.failures = new Queue(this, 'Failures', deadLetter)
    this.webhookDeadLetters = new Queue(this, 'WebhookDeadLetters', deadLetter)
    this.webhooks = new Queue(this, 'Webhooks', {
      ...common,
      // A job lives at most one hop (≤ 15 minutes of delay plus its attempt); two days is slack.
      retentionPeriod: Duration.days(2),
      visibilityTimeout: Duration.seconds(props.functionTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.webhookDeadLetters, maxReceiveCount: WEBHOOK_MAX_RECEIVES },
    })
    for (const queue of [this.failures, this.webhookDeadLetters]) {
      Validations.of(queue).acknowledge({
        id: 'Serverless::Serverless-SQSRedrivePolicy',
        reason:
          'A dead-letter queue: its messages wait for an operator (the alarm on it), there is no further queue to move them to',
      })
    }
  }
}
