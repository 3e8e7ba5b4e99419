import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib'
import { PriceClass } from 'aws-cdk-lib/aws-cloudfront'
import type { Construct } from 'constructs'
import type { StageConfig } from './config.js'
import { ParleyComments } from './constructs/parley-comments.js'

const PRICE_CLASSES = {
  '100': PriceClass.PRICE_CLASS_100,
  '200': PriceClass.PRICE_CLASS_200,
  All: PriceClass.PRICE_CLASS_ALL,
} as const

export interface ParleyStackProps extends StackProps {
  config: StageConfig
}

/** One stage of Parley: composes {@link ParleyComments} from the stage config and names the outputs. */
export class ParleyStack extends Stack {
  readonly comments: ParleyComments

  constructor(scope: Construct, id: string, props: ParleyStackProps) {
    super(scope, id, props)
    const { config } = props
    this.comments = new ParleyComments(this, 'Comments', {
      memoryMb: config.memoryMb,
      timeoutSeconds: config.timeoutSeconds,
      reservedConcurrency: config.reservedConcurrency,
      logRetentionDays: config.logRetentionDays,
      throttle: config.throttle,
      domain: config.domain,
      wafRateLimit: config.wafRateLimit,
      webAclArn: config.webAclArn,
      alarmEmail: config.adminEmail,
      priceClass: PRICE_CLASSES[config.priceClass],
      mail: config.mail,
    })
    const url = this.comments.url
    new CfnOutput(this, 'ApiUrl', { value: url, description: 'The API and embed origin' })
    new CfnOutput(this, 'ScriptSnippet', {
      value: `<div id="comments"></div><script src="${url}/embed.js" data-site="YOUR-SITE-ID" async></script>`,
      description: 'Paste into a blog template once the site exists (README: first site)',
    })
    new CfnOutput(this, 'SecretArn', {
      value: this.comments.secret.secretArn,
      description: 'The master secret; the admin key is derived from it (README: admin key)',
    })
    new CfnOutput(this, 'TableName', { value: this.comments.table.table.tableName })
    new CfnOutput(this, 'DistributionId', { value: this.comments.edge.distribution.distributionId })
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.comments.edge.distribution.distributionDomainName,
      description: 'Point the custom domain here (CNAME, or an alias record in Route 53)',
    })
    new CfnOutput(this, 'AlarmTopicArn', { value: this.comments.alarms.topic.topicArn })
    const identity = this.comments.notifier.mail?.identity
    if (identity !== undefined) {
      new CfnOutput(this, 'MailDkimRecords', {
        value: Fn.join(
          ' ',
          identity.dkimRecords.map((r) => Fn.join('', [r.name, ' CNAME ', r.value])),
        ),
        description: 'Add these three CNAME records to the mail domain; SES then verifies it (README: mail)',
      })
    }
  }
}
