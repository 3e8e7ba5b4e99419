import { ArnFormat, Duration, Stack } from 'aws-cdk-lib'
import { EventBus, Rule } from 'aws-cdk-lib/aws-events'
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets'
import { Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam'
import type { IFunction } from 'aws-cdk-lib/aws-lambda'
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses'
import type { IQueue } from 'aws-cdk-lib/aws-sqs'
import { Construct } from 'constructs'

export interface NotifierMailProps {
  /** The deployment's From address (`Name <local@domain>` or `local@domain`). */
  from: string
  /** The SES identity that sends it: the From address's domain. */
  domain: string
  /** `create` the domain identity here (its DKIM records become outputs) or use an `existing` verified one. */
  identity: 'create' | 'existing'
}

/** The SES events the notifier turns into suppressions (EventBridge detail-types). */
export const MAIL_FEEDBACK_EVENTS = ['Email Bounced', 'Email Complaint']

/** Sending with a raw MIME body (nodemailer's SES transport) is authorised as `SendRawEmail`. */
export const SEND_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail']

/**
 * Mail through SES: a configuration set that publishes bounces and complaints to the default event
 * bus (the only one SES publishes to) and lets SES's own suppression list stop those addresses too,
 * and the domain identity that signs with Easy DKIM. Sending is granted on exactly that identity and
 * that configuration set.
 */
export class NotifierMail extends Construct {
  readonly configurationSet: ConfigurationSet
  readonly identity: EmailIdentity | undefined
  /** The identity's ARN whether created here or not. */
  readonly identityArn: string
  readonly configurationSetArn: string

  constructor(scope: Construct, id: string, props: NotifierMailProps) {
    super(scope, id)
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    })
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    })
    const stack = Stack.of(this)
    if (props.identity === 'create') {
      this.identity = new EmailIdentity(this, 'Identity', {
        identity: Identity.domain(props.domain),
        configurationSet: this.configurationSet,
        // Bounces and complaints arrive as events; no mail to the Return-Path on top.
        feedbackForwarding: false,
      })
    }
    this.identityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: props.domain,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    })
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    })
  }

  /** Lets `grantee` send through this identity and configuration set, and nothing else of SES. */
  grantSend(grantee: IGrantable) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: SEND_ACTIONS,
        resources: [this.identityArn, this.configurationSetArn],
      }),
    )
  }

  /**
   * Sends this configuration set's bounces and complaints to `target` (other senders of the account
   * publish to the same bus: the rule matches only our configuration set's tag). What cannot be
   * delivered to it goes to `deadLetters`.
   */
  routeFeedback(target: IFunction, deadLetters: IQueue) {
    return new Rule(this, 'FeedbackRule', {
      description: 'Parley: SES bounces and complaints of its mail, to the notifier (suppression list)',
      eventPattern: {
        source: ['aws.ses'],
        detailType: MAIL_FEEDBACK_EVENTS,
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [
        new LambdaTarget(target, {
          deadLetterQueue: deadLetters,
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
        }),
      ],
    })
  }
}
