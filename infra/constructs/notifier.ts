import { Duration, Validations } from 'aws-cdk-lib'
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events'
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets'
import { EventSourceMapping, FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda'
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources'
import type { RetentionDays } from 'aws-cdk-lib/aws-logs'
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager'
import { Construct } from 'constructs'
import type { CommentsTable } from './comments-table.js'
import { NotifierFunction } from './notifier-function.js'
import { NotifierMail, type NotifierMailProps } from './notifier-mail.js'
import { NotifierQueues } from './notifier-queues.js'

/**
 * The stream records the notifier is invoked for: comment items (`sk` `C`) and feedback votes
 * (`sk` `V#…`). Every other write of a post (page counter, idempotency, rate limit, thread member)
 * and every item the notifier writes itself (deliveries, digests, webhook attempts) is dropped by
 * Lambda before an invocation, for free. Written here again because infra never imports the product
 * code; a test holds it to the keys of `shared/db/item-keys.ts`.
 */
export const STREAM_FILTERS = [
  { dynamodb: { Keys: { sk: { S: FilterRule.isEqual('C') } } } },
  { dynamodb: { Keys: { sk: { S: FilterRule.beginsWith('V#') } } } },
]

/** The stream's event source: big batches, halved on a failure, retried, then set aside. */
export const STREAM_SOURCE = {
  batchSize: 100,
  bisectBatchOnError: true,
  retryAttempts: 5,
  /** A backstop: five retries end far sooner; a record older than this is not news any more. */
  maxRecordAge: Duration.hours(6),
}

/** When digests go out (UTC): hourly on the hour, daily at this hour. */
export const DAILY_DIGEST_HOUR_UTC = 7

export interface NotifierProps {
  table: CommentsTable
  secret: Secret
  apiOrigin: string
  /** SES sending; without it the notifier delivers webhooks only. */
  mail: NotifierMailProps | undefined
  logRetention: RetentionDays
  /** @default 512 */
  memoryMb?: number | undefined
  /** @default 60 seconds */
  timeout?: Duration | undefined
}

/**
 * Everything that speaks back: the notifier function on the table's stream, its webhook retry
 * queue, the digest schedules, SES's configuration set and its bounces and complaints, and the
 * queues where what failed is kept (each with an alarm, see `alarms.ts`).
 */
export class Notifier extends Construct {
  readonly function: NotifierFunction
  readonly queues: NotifierQueues
  readonly mail: NotifierMail | undefined
  readonly streamMapping: EventSourceMapping
  readonly webhookMapping: EventSourceMapping
  readonly digestRules: Rule[]
  readonly feedbackRule: Rule | undefined

  constructor(scope: Construct, id: string, props: NotifierProps) {
    super(scope, id)
    const timeout = props.timeout ?? Duration.seconds(60)
    this.queues = new NotifierQueues(this, 'Queues', { functionTimeout: timeout })
    const failures = this.queues.failures
    this.function = new NotifierFunction(this, 'Notifier', {
      table: props.table,
      secret: props.secret,
      deadLetters: failures,
      memoryMb: props.memoryMb ?? 512,
      timeout,
      logRetention: props.logRetention,
      apiOrigin: props.apiOrigin,
    })
    const fn = this.function.function

    const streamArn = props.table.table.tableStreamArn
    if (streamArn === undefined) throw new Error('the notifier needs the table stream')
    this.streamMapping = new EventSourceMapping(this, 'Stream', {
      target: fn,
      eventSourceArn: streamArn,
      // Not TRIM_HORIZON: the first deploy must not mail about the last 24 hours of comments.
      startingPosition: StartingPosition.LATEST,
      ...STREAM_SOURCE,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(failures),
      filters: STREAM_FILTERS.map((pattern) => FilterCriteria.filter(pattern)),
    })

    const webhooks = this.queues.webhooks
    fn.addEnvironment('WEBHOOK_QUEUE_URL', webhooks.queueUrl)
    webhooks.grantSendMessages(fn)
    webhooks.grantConsumeMessages(fn)
    this.webhookMapping = fn.addEventSourceMapping('Webhooks', {
      eventSourceArn: webhooks.queueArn,
      batchSize: 10,
      reportBatchItemFailures: true,
      // Deliveries wait on receivers: two at a time bound what a slow receiver can hold up.
      maxConcurrency: 2,
    })
    Validations.of(this.webhookMapping).acknowledge({
      id: 'Serverless::Serverless-LambdaEventSourceMappingDestination',
      reason:
        "SQS event sources take no on-failure destination: the queue's redrive policy moves a job that failed five receives to its dead-letter queue",
    })

    const digest = (name: string, period: 'hourly' | 'daily', schedule: Schedule) =>
      new Rule(this, name, {
        description: `Parley: the ${period} moderators' digest`,
        schedule,
        targets: [
          new LambdaTarget(fn, {
            event: RuleTargetInput.fromObject({ parley: 'digest', period }),
            deadLetterQueue: failures,
            retryAttempts: 4,
            maxEventAge: Duration.hours(1),
          }),
        ],
      })
    this.digestRules = [
      digest('HourlyDigest', 'hourly', Schedule.cron({ minute: '0' })),
      digest('DailyDigest', 'daily', Schedule.cron({ minute: '0', hour: String(DAILY_DIGEST_HOUR_UTC) })),
    ]

    if (props.mail !== undefined) {
      this.mail = new NotifierMail(this, 'Mail', props.mail)
      this.mail.grantSend(fn)
      this.feedbackRule = this.mail.routeFeedback(fn, failures)
      fn.addEnvironment('MAIL_FROM', props.mail.from)
      fn.addEnvironment('SES_CONFIGURATION_SET', this.mail.configurationSet.configurationSetName)
    }
  }
}
