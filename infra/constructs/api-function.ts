import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib'
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import {
  Architecture,
  type FunctionUrl,
  FunctionUrlAuthType,
  InvokeMode,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda'
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs'
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager'
import { Construct } from 'constructs'
import { API_ENTRY, bundledCode } from './bundled-code.js'
import type { CommentsTable } from './comments-table.js'

/** How long a streamed download (a site's export) may run. */
const STREAM_TIMEOUT_MINUTES = 5

/** The newest Node.js runtime this aws-cdk-lib knows (the template test pins it). */
export const API_RUNTIME = Runtime.NODEJS_24_X

/**
 * Item-level actions only: no Scan (no request path scans), no table management, no stream reads.
 * Transactions are authorised per contained action (Put, Update, ConditionCheck, Delete).
 */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchWriteItem',
]

export interface ApiFunctionProps {
  table: CommentsTable
  secret: Secret
  /** The value CloudFront sends in `x-parley-edge`; requests without it are refused. */
  edgeToken: string
  memoryMb: number
  timeoutSeconds: number
  reservedConcurrency: number | undefined
  logRetention: RetentionDays
}

/**
 * The API as one function: the Hono app of `functions/api/handler.ts`, bundled by local esbuild
 * into minified ESM (AWS SDK included, so the lockfile decides its version, not the runtime). Its role may write its own log group, read the one secret, and touch items of the one
 * table: nothing else.
 */
export class ApiFunction extends Construct {
  readonly function: LambdaFunction
  /** The same app for downloads that may outgrow a buffered response, behind {@link streamUrl}. */
  readonly streamFunction: LambdaFunction
  readonly streamUrl: FunctionUrl
  readonly logGroup: LogGroup

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id)
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    })
    // Our own role instead of the default one: it would attach AWSLambdaBasicExecutionRole, whose
    // log permissions cover every log group of the account.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Parley API function: its log group, the master secret, items of the table',
    })
    this.logGroup.grantWrite(role)
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: TABLE_ACTIONS,
        resources: [props.table.table.tableArn],
      }),
    )
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:Query'],
        resources: props.table.indexArns,
      }),
    )
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['secretsmanager:GetSecretValue'],
        resources: [props.secret.secretArn],
      }),
    )

    const code = bundledCode(API_ENTRY)
    const shared = {
      code,
      runtime: API_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      role,
      logGroup: this.logGroup,
      // Lambda wraps every line in JSON with its request id; the app's own lines are JSON already.
      loggingFormat: LoggingFormat.JSON,
      systemLogLevelV2: SystemLogLevel.WARN,
    }
    // Only resource attributes: the secret's value never enters the template or the code. A copy
    // each: a function's addEnvironment() changes the object it was given.
    const environment = () => ({
      TABLE_NAME: props.table.table.tableName,
      PARLEY_SECRET_ARN: props.secret.secretArn,
      EDGE_TOKEN: props.edgeToken,
    })
    this.function = new LambdaFunction(this, 'Function', {
      ...shared,
      environment: environment(),
      handler: 'index.handler',
      timeout: Duration.seconds(props.timeoutSeconds),
      ...(props.reservedConcurrency !== undefined && {
        reservedConcurrentExecutions: props.reservedConcurrency,
      }),
      description: 'Parley HTTP API (Hono)',
    })
    // The same code and role, answering through a function URL in response-streaming mode: a
    // buffered Lambda response holds at most 6 MB, a site's export can be far larger.
    this.streamFunction = new LambdaFunction(this, 'StreamFunction', {
      ...shared,
      environment: environment(),
      handler: 'index.streamHandler',
      timeout: Duration.minutes(STREAM_TIMEOUT_MINUTES),
      description: 'Parley HTTP API, streamed downloads (export, feedback CSV)',
    })
    // No IAM auth: CloudFront's origin access control would replace the moderator's Authorization
    // header with its own signature. Like the HTTP API's URL, it serves only requests that carry
    // the edge token CloudFront adds, and refuses the rest with 403.
    this.streamUrl = this.streamFunction.addFunctionUrl({
      authType: FunctionUrlAuthType.NONE,
      invokeMode: InvokeMode.RESPONSE_STREAM,
    })

    for (const fn of [this.function, this.streamFunction])
      Validations.of(fn).acknowledge(
        {
          id: 'Serverless::Serverless-LambdaDLQ',
          reason:
            'Only API Gateway or CloudFront invoke this function, synchronously: a failed request is answered, not queued',
        },
        {
          id: 'Serverless::Serverless-LambdaTracing',
          reason:
            'Every log line is JSON with the Lambda request id, and the access log links it to the API request; X-Ray would add cost and a wildcard-resource permission',
        },
      )
  }
}
