import { Duration, Validations } from 'aws-cdk-lib'
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2'
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch'
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions'
import type { Table } from 'aws-cdk-lib/aws-dynamodb'
import type { IFunction } from 'aws-cdk-lib/aws-lambda'
import { Topic } from 'aws-cdk-lib/aws-sns'
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions'
import type { IQueue } from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'

export interface OperationsAlarmsProps {
  api: HttpApi
  function: IFunction
  /** The same code answering streamed downloads: its crashes count as the API function's. */
  streamFunction: IFunction
  table: Table
  /** Subscribed to the topic when given (AWS mails a confirmation link once). */
  email: string | undefined
  /** Queues where failed work waits for an operator: any message in one is an alarm. */
  deadLetterQueues?: { id: string; queue: IQueue; description: string }[]
}

const PERIOD = Duration.minutes(5)

/**
 * Four alarms (seven alarm metrics), all to one SNS topic: API 5xx rate, function errors, function
 * throttles, table throttles; and one per dead-letter queue (the notifier's two: nine metrics in
 * all, $0.90 a month at list price, inside the free tier's ten).
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic
  readonly alarms: Alarm[]

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id)
    this.topic = new Topic(this, 'Topic', { displayName: 'Parley alarms', enforceSSL: true })
    if (props.email !== undefined) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.email))
      Validations.of(subscription).acknowledge({
        id: 'Serverless::Serverless-SNSRedrivePolicy',
        reason:
          'An undelivered alarm mail has nowhere better to go than a queue nobody reads; the alarm state stays in CloudWatch',
      })
    }

    const sum = { period: PERIOD, statistic: 'Sum' }
    const alarm = (name: string, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, name, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      })
      a.addAlarmAction(new SnsAction(this.topic))
      return a
    }
    this.alarms = [
      alarm(
        'Api5xxRate',
        new MathExpression({
          // Below 20 requests in 5 minutes one failure is not a rate worth waking anyone for.
          expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
          usingMetrics: {
            errors: props.api.metricServerError(sum),
            requests: props.api.metricCount(sum),
          },
          period: PERIOD,
          label: 'API 5xx (%)',
        }),
        5,
        'More than 5% of API requests failed with 5xx over 5 minutes',
      ),
      alarm(
        'FunctionErrors',
        new MathExpression({
          expression: 'api + downloads',
          usingMetrics: {
            api: props.function.metricErrors(sum),
            downloads: props.streamFunction.metricErrors(sum),
          },
          period: PERIOD,
          label: 'Function errors',
        }),
        1,
        'The API function crashed or timed out (handled errors are 5xx answers, not Lambda errors)',
      ),
      alarm('FunctionThrottles', props.function.metricThrottles(sum), 1, 'The API function was throttled'),
      alarm(
        'TableThrottles',
        new MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: props.table.metric('ReadThrottleEvents', sum),
            writes: props.table.metric('WriteThrottleEvents', sum),
          },
          period: PERIOD,
          label: 'DynamoDB throttle events',
        }),
        1,
        'DynamoDB throttled reads or writes of the table',
      ),
      ...(props.deadLetterQueues ?? []).map(({ id, queue, description }) =>
        alarm(
          id,
          // A queue with messages counts as active, so its metric is published while it holds any.
          queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
          1,
          description,
        ),
      ),
    ]
  }
}
