import { Fn, RemovalPolicy, Validations } from 'aws-cdk-lib'
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway'
import { HttpApi, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type { IFunction } from 'aws-cdk-lib/aws-lambda'
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs'
import { Construct } from 'constructs'

export interface ParleyHttpApiProps {
  function: IFunction
  throttle: { rateLimit: number; burstLimit: number }
  logRetention: RetentionDays
}

/**
 * One JSON object per request. No viewer IP or user agent: behind CloudFront the source IP is the
 * edge's, and the function never logs personal data either. `lambdaRequestId` joins a line to the
 * function's own log lines.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  lambdaRequestId: '$context.integration.requestId',
} as const

/**
 * The HTTP API: every route and method to the function (CORS is answered by the app, per site),
 * on a `$default` stage with explicit throttling and JSON access logs.
 */
export class ParleyHttpApi extends Construct {
  readonly api: HttpApi
  readonly stage: HttpStage
  readonly accessLogs: LogGroup
  /** `<id>.execute-api.<region>.amazonaws.com`, the distribution's origin. */
  readonly domainName: string

  constructor(scope: Construct, id: string, props: ParleyHttpApiProps) {
    super(scope, id)
    this.api = new HttpApi(this, 'Api', {
      description: 'Parley comments API',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Function', props.function),
    })
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    })
    this.stage = this.api.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    })
    this.domainName = Fn.select(2, Fn.split('/', this.api.apiEndpoint))

    // The catch-all route is the whole API; its routes authenticate in the function.
    Validations.of(this.api.node.findChild('DefaultRoute')).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'Reading and posting comments as a guest are public by contract; the function checks admin keys and session tokens itself',
    })
  }
}
