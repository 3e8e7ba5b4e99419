import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_RUNTIME } from '../../infra/constructs/api-function.js'
import { WEBHOOK_MAX_RECEIVES } from '../../infra/constructs/notifier-queues.js'
import * as parts from './notifier-parts.js'
import { all, notifierFunction, type Synth, synthesize } from './synth.js'

// The notifier as the stack deploys it by default (no mail: see notifier-mail.test.ts). The
// cdk-nag packs run (strict); CDK's offline CloudFormation validation is template.test's.
let plain: Synth
beforeAll(async () => {
  plain = await synthesize({ bundle: false, cfnValidation: false })
})
afterAll(() => plain?.cleanup())

const idOf = (type: string) => parts.idOf(plain, type)
const fn = () => parts.notifierProps(plain)
const fnArn = () => parts.notifierArn(plain)
const queue = (name: string) => parts.queue(plain, name)
const queueArn = (name: string) => parts.queueArn(plain, name)
const roleStatements = () => parts.roleStatements(plain)
const rules = () => parts.rules(plain)
const { list } = parts
const queues = () => parts.queues(plain)
const mappings = () => parts.mappings(plain)

describe('notifier function', () => {
  it('runs arm64 on the API function’s runtime, index.handler of its own bundle, with explicit memory and timeout', () => {
    expect(fn()).toMatchObject({
      Runtime: API_RUNTIME.name,
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 60,
    })
  })

  it('logs JSON to its own log group with a retention', () => {
    expect(fn().LoggingConfig).toMatchObject({ LogFormat: 'JSON', SystemLogLevel: 'WARN' })
    const group = plain.json.Resources[fn().LoggingConfig.LogGroup.Ref]
    expect(group?.Type).toBe('AWS::Logs::LogGroup')
    expect(group?.Properties?.RetentionInDays).toBe(30)
  })

  it('gets table, secret ARN, API origin and webhook queue from resource attributes, and no mail settings without mailFrom', () => {
    const env = fn().Environment.Variables
    expect(Object.keys(env).sort()).toEqual([
      'API_ORIGIN',
      'PARLEY_SECRET_ARN',
      'TABLE_NAME',
      'WEBHOOK_QUEUE_URL',
    ])
    expect(env.TABLE_NAME).toEqual({ Ref: idOf('AWS::DynamoDB::Table') })
    expect(env.PARLEY_SECRET_ARN).toEqual({ Ref: idOf('AWS::SecretsManager::Secret') })
    expect(env.WEBHOOK_QUEUE_URL).toEqual({ Ref: queue('Webhooks')[0] })
    expect(env.API_ORIGIN).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf('AWS::CloudFront::Distribution'), 'DomainName'] }]],
    })
  })

  it('keeps asynchronous invocations that failed (schedules, SES events) in the failures queue', () => {
    expect(fn().DeadLetterConfig).toEqual({ TargetArn: queueArn('Failures') })
  })
})

describe('stream event source', () => {
  const stream = () => {
    const found = mappings().filter((m) => JSON.stringify(m.EventSourceArn).includes('StreamArn'))
    expect(found).toHaveLength(1)
    return found[0] ?? {}
  }

  it('reads the table stream from the latest record in batches of 100, bisecting, retrying, reporting item failures', () => {
    expect(stream()).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [idOf('AWS::DynamoDB::Table'), 'StreamArn'] },
      FunctionName: { Ref: notifierFunction(plain.json)[0] },
      StartingPosition: 'LATEST',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 6 * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    })
    expect(stream().ParallelizationFactor ?? 1).toBe(1) // one batch per shard at a time: order kept
  })

  it('sends what failed every retry to the failures queue', () => {
    expect(stream().DestinationConfig).toEqual({ OnFailure: { Destination: queueArn('Failures') } })
  })

  it('is invoked only for comment items and feedback votes', () => {
    expect(stream().FilterCriteria.Filters.map((f: any) => JSON.parse(f.Pattern))).toEqual([
      { dynamodb: { Keys: { sk: { S: ['C'] } } } },
      { dynamodb: { Keys: { sk: { S: [{ prefix: 'V#' }] } } } },
    ])
  })
})

describe('webhook retry queue', () => {
  it('is consumed by the notifier ten jobs at a time, at most two at once, reporting item failures', () => {
    const found = mappings().filter(
      (m) => JSON.stringify(m.EventSourceArn) === JSON.stringify(queueArn('Webhooks')),
    )
    expect(found).toEqual([
      expect.objectContaining({
        FunctionName: { Ref: notifierFunction(plain.json)[0] },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      }),
    ])
  })

  it('moves a job that crashed five receives to its dead-letter queue, and hides a received one six timeouts long', () => {
    expect(queue('Webhooks')[1].Properties).toMatchObject({
      RedrivePolicy: {
        deadLetterTargetArn: queueArn('WebhookDeadLetters'),
        maxReceiveCount: WEBHOOK_MAX_RECEIVES,
      },
      VisibilityTimeout: 6 * fn().Timeout,
    })
  })

  it('keeps dead letters 14 days; every queue is SQS-encrypted and refuses requests without TLS', () => {
    expect(queues()).toHaveLength(3)
    for (const name of ['Failures', 'WebhookDeadLetters']) {
      expect(queue(name)[1].Properties?.MessageRetentionPeriod).toBe(14 * 86_400)
    }
    for (const [id, q] of queues()) {
      expect(q.Properties?.SqsManagedSseEnabled).toBe(true)
      const policy = all(plain.json, 'AWS::SQS::QueuePolicy').find(([, p]) =>
        p.Properties?.Queues.some((r: any) => r.Ref === id),
      )
      expect(policy?.[1].Properties?.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      )
    }
  })

  it('alarms on a message in either dead-letter queue', () => {
    const watched = all(plain.json, 'AWS::CloudWatch::Alarm')
      .map(([, a]) => a.Properties ?? {})
      .filter((a) => a.Namespace === 'AWS/SQS')
    expect(watched.map((a) => a.Dimensions[0].Value['Fn::GetAtt'][0]).sort()).toEqual(
      [queue('Failures')[0], queue('WebhookDeadLetters')[0]].sort(),
    )
    for (const a of watched) {
      expect(a).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      })
    }
  })
})

describe('digest schedules', () => {
  it('invoke the notifier hourly and daily with the digest event, keeping undeliverable ones', () => {
    const digests = rules().filter(([, r]) => r.ScheduleExpression)
    expect(digests.map(([, r]) => [r.ScheduleExpression, JSON.parse(r.Targets[0].Input)])).toEqual([
      ['cron(0 * * * ? *)', { parley: 'digest', period: 'hourly' }],
      ['cron(0 7 * * ? *)', { parley: 'digest', period: 'daily' }],
    ])
    for (const [id, r] of digests) {
      expect(r.Targets).toEqual([
        expect.objectContaining({ Arn: fnArn(), DeadLetterConfig: { Arn: queueArn('Failures') } }),
      ])
      // EventBridge may invoke the notifier only from this rule.
      const permissions = all(plain.json, 'AWS::Lambda::Permission').filter(
        ([, p]) => JSON.stringify(p.Properties?.SourceArn) === JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }),
      )
      expect(permissions.map(([, p]) => p.Properties)).toEqual([
        expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
          FunctionName: fnArn(),
        }),
      ])
    }
  })
})

describe('notifier role', () => {
  it('may write its log group, read the secret, touch items of the table (no Scan, no index), read its stream, use its queues', () => {
    const table = idOf('AWS::DynamoDB::Table')
    const byResource = roleStatements().map((s) => [list(s.Action).sort(), s.Resource])
    expect(byResource).toEqual([
      [
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        { 'Fn::GetAtt': [fn().LoggingConfig.LogGroup.Ref, 'Arn'] },
      ],
      [
        [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ],
        { 'Fn::GetAtt': [table, 'Arn'] },
      ],
      [
        [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ],
        { 'Fn::GetAtt': [table, 'StreamArn'] },
      ],
      [['secretsmanager:GetSecretValue'], { Ref: idOf('AWS::SecretsManager::Secret') }],
      [
        ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        [queueArn('Failures'), queueArn('Webhooks')],
      ],
      [
        [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        queueArn('Webhooks'),
      ],
    ])
  })

  it('has no SES permission and there is no SES resource without mailFrom', () => {
    expect(
      roleStatements()
        .flatMap((s) => list(s.Action))
        .filter((a: string) => a.startsWith('ses:')),
    ).toEqual([])
    expect(Object.values(plain.json.Resources).filter((r) => r.Type.startsWith('AWS::SES::'))).toEqual([])
    expect(rules().filter(([, r]) => r.EventPattern)).toEqual([])
  })
})
