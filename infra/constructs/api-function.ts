import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib'
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda'
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs'
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs'
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager'
import { Construct } from 'constructs'
import type { CommentsTable } from './comments-table.js'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** The Lambda entry, by path only: infra never imports the product code. */
export const API_ENTRY = fileURLToPath(new URL('../../functions/api/handler.ts', import.meta.url))

/** The widget's build entry: `npx tsx functions/embed/build.ts <outdir>` writes embed.js and count.js. */
export const EMBED_BUILD = fileURLToPath(new URL('../../functions/embed/build.ts', import.meta.url))

/**
 * Builds the widget scripts by their entry (a child process: infra imports no product code) and
 * writes a module exporting them as `PARLEY_EMBED_ASSETS`; esbuild injects it, replacing that
 * global in `functions/api/embed-assets.ts`, so the function serves the scripts from memory.
 */
function buildEmbedModule(dir: string): string | undefined {
  if (!existsSync(EMBED_BUILD)) return undefined
  execFileSync(process.execPath, ['--import', 'tsx', EMBED_BUILD, dir], { cwd: repoRoot, stdio: 'pipe' })
  const assets = {
    'embed.js': readFileSync(join(dir, 'embed.js'), 'utf8'),
    'count.js': readFileSync(join(dir, 'count.js'), 'utf8'),
  }
  const file = join(dir, 'embed-assets.mjs')
  writeFileSync(file, `export const PARLEY_EMBED_ASSETS = ${JSON.stringify(assets)}\n`)
  return file
}

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
 * into one minified ESM file (AWS SDK included, so the lockfile decides its version, not the
 * runtime). Its role may write its own log group, read the one secret, and touch items of the one
 * table: nothing else.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction
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

    // Bundling runs while the function is constructed, and only for stacks being bundled.
    const embedDir = Stack.of(this).bundlingRequired
      ? mkdtempSync(join(tmpdir(), 'parley-embed-'))
      : undefined
    const embedModule = embedDir && buildEmbedModule(embedDir)
    this.function = new NodejsFunction(this, 'Function', {
      entry: API_ENTRY,
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: `${repoRoot}package-lock.json`,
      runtime: API_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      ...(props.reservedConcurrency !== undefined && {
        reservedConcurrentExecutions: props.reservedConcurrency,
      }),
      role,
      logGroup: this.logGroup,
      // Lambda wraps every line in JSON with its request id; the app's own lines are JSON already.
      loggingFormat: LoggingFormat.JSON,
      systemLogLevelV2: SystemLogLevel.WARN,
      description: 'Parley HTTP API (Hono)',
      // Only resource attributes: the secret's value never enters the template or the code.
      environment: {
        TABLE_NAME: props.table.table.tableName,
        PARLEY_SECRET_ARN: props.secret.secretArn,
        EDGE_TOKEN: props.edgeToken,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: false,
        mainFields: ['module', 'main'],
        bundleAwsSDK: true,
        forceDockerBundling: false,
        logLevel: LogLevel.ERROR,
        // A few CommonJS dependencies call require() for Node built-ins; ESM has no require.
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        ...(embedModule && { inject: [embedModule] }),
      },
    })
    if (embedDir) rmSync(embedDir, { recursive: true, force: true })

    Validations.of(this.function).acknowledge(
      {
        id: 'Serverless::Serverless-LambdaDLQ',
        reason:
          'Only API Gateway invokes this function, synchronously: a failed request is answered, not queued',
      },
      {
        id: 'Serverless::Serverless-LambdaTracing',
        reason:
          'Every log line is JSON with the Lambda request id, and the access log links it to the API request; X-Ray would add cost and a wildcard-resource permission',
      },
    )
  }
}
