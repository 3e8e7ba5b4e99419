import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib'
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import {
  Architecture,
  Function as LambdaFunction,
  LoggingFormat,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda'
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs'
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager'
import type { IQueue } from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'
import { API_RUNTIME, TABLE_ACTIONS } from './api-function.js'
import { bundledCode, NOTIFIER_ENTRY } from './bundled-code.js'
import type { CommentsTable } from './comments-table.js'

/**
 * What a stream consumer needs of the one stream, on that stream's ARN only (`grantStreamRead`
 * would add `ListStreams` on every table of the account).
 */
export const STREAM_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
]

export interface NotifierFunctionProps {
  table: CommentsTable
  secret: Secret
  /** Where invocations that failed every retry go (the notifier's failures queue). */
  deadLetters: IQueue
  memoryMb: number
  timeout: Duration
  logRetention: RetentionDays
  /** Absolute origin of the API, for the links in mails. */
  apiOrigin: string
}

/**
 * The notifier: `functions/notifier/handler.ts`, bundled like the API (minified ESM, SDK inside),
 * arm64 on the API's runtime. Its role may write its own log group, read the one secret, touch
 * items of the table (no index, no Scan) and read the table's stream; what it is triggered by and
 * sends to adds its own grants (see `notifier.ts`).
 */
export class NotifierFunction extends Construct {
  readonly function: LambdaFunction
  readonly role: Role
  readonly logGroup: LogGroup

  constructor(scope: Construct, id: string, props: NotifierFunctionProps) {
    super(scope, id)
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    })
    // Our own role, as the API's: the default one's managed policy covers every log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description:
        'Parley notifier: its log group, the master secret, items and stream of the table, its queues, SES',
    })
    this.logGroup.grantWrite(this.role)
    const allow = (actions: string[], resources: string[]) =>
      this.role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources }))
    allow(TABLE_ACTIONS, [props.table.table.tableArn])
    const streamArn = props.table.table.tableStreamArn
    if (streamArn === undefined) throw new Error('the notifier needs the table stream')
    allow(STREAM_ACTIONS, [streamArn])
    allow(['secretsmanager:GetSecretValue'], [props.secret.secretArn])

    this.function = new LambdaFunction(this, 'Function', {
      code: bundledCode(NOTIFIER_ENTRY),
      handler: 'index.handler',
      runtime: API_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      systemLogLevelV2: SystemLogLevel.WARN,
      // Schedules and SES events invoke it asynchronously: after Lambda's two retries the event
      // is kept here, with its payload, for an operator.
      deadLetterQueue: props.deadLetters,
      environment: {
        TABLE_NAME: props.table.table.tableName,
        PARLEY_SECRET_ARN: props.secret.secretArn,
        API_ORIGIN: props.apiOrigin,
      },
      description: 'Parley notifier: mail and webhooks from the table stream, digests, SES feedback',
    })
    Validations.of(this.function).acknowledge({
      id: 'Serverless::Serverless-LambdaTracing',
      reason:
        'Every log line is JSON with the Lambda request id and the event id it handles; X-Ray would add cost and a wildcard-resource permission',
    })
  }
}
