import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as parts from './notifier-parts.js'
import { all, only, type Synth, synthesize } from './synth.js'

// The notifier's mail with `mailFrom` set: SES configuration set, identity, feedback events and
// the one SES grant. The cdk-nag packs run (strict).
let mailed: Synth
beforeAll(async () => {
  mailed = await synthesize({
    bundle: false,
    cfnValidation: false,
    context: { mailFrom: 'Blog comments <comments@blog.example>' },
  })
})
afterAll(() => mailed?.cleanup())

const idOf = (type: string) => parts.idOf(mailed, type)
const fn = () => parts.notifierProps(mailed)
const fnArn = () => parts.notifierArn(mailed)
const queueArn = (name: string) => parts.queueArn(mailed, name)
const roleStatements = () => parts.roleStatements(mailed)
const rules = () => parts.rules(mailed)
const { list } = parts

describe('with mailFrom', () => {
  const configSet = () => ({ Ref: idOf('AWS::SES::ConfigurationSet') })

  it('gives the notifier the From and the configuration set', () => {
    expect(fn().Environment.Variables).toMatchObject({
      MAIL_FROM: 'Blog comments <comments@blog.example>',
      SES_CONFIGURATION_SET: configSet(),
    })
  })

  it('creates a configuration set that suppresses bounces and complaints and publishes them to the default bus', () => {
    expect(only(mailed.json, 'AWS::SES::ConfigurationSet')[1].Properties).toMatchObject({
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    })
    expect(only(mailed.json, 'AWS::SES::ConfigurationSetEventDestination')[1].Properties).toEqual({
      ConfigurationSetName: configSet(),
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: {
          EventBusArn: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':events:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':event-bus/default',
              ],
            ],
          },
        },
      },
    })
  })

  it('creates the domain identity of the From address, DKIM-signed, on that configuration set, with its DNS records as an output', () => {
    expect(only(mailed.json, 'AWS::SES::EmailIdentity')[1].Properties).toMatchObject({
      EmailIdentity: 'blog.example',
      ConfigurationSetAttributes: { ConfigurationSetName: configSet() },
      FeedbackAttributes: { EmailForwardingEnabled: false },
    })
    const dkim = JSON.stringify(mailed.json.Outputs?.MailDkimRecords?.Value)
    for (const n of [1, 2, 3]) expect(dkim).toContain(`DkimDNSTokenName${n}`)
  })

  it('routes only this configuration set’s bounces and complaints to the notifier', () => {
    const feedback = rules().filter(([, r]) => r.EventPattern)
    expect(feedback.map(([, r]) => r.EventPattern)).toEqual([
      {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint'],
        detail: { mail: { tags: { 'ses:configuration-set': [configSet()] } } },
      },
    ])
    expect(feedback[0]?.[1].Targets).toEqual([
      expect.objectContaining({
        Arn: fnArn(),
        DeadLetterConfig: { Arn: queueArn('Failures') },
      }),
    ])
  })

  it('lets the API function mail sign-in codes from the same From, identity and configuration set only', () => {
    // The API's functions are the ones with an edge token: the buffered one and the streaming one.
    const apis = all(mailed.json, 'AWS::Lambda::Function').filter(
      ([, f]) => f.Properties?.Environment?.Variables?.EDGE_TOKEN !== undefined,
    )
    const mailing = apis.filter(([, f]) => f.Properties?.Environment?.Variables?.MAIL_FROM !== undefined)
    expect(mailing).toHaveLength(1)
    const props = mailing[0]?.[1].Properties ?? {}
    expect(props.Environment.Variables).toMatchObject({
      MAIL_FROM: 'Blog comments <comments@blog.example>',
      SES_CONFIGURATION_SET: configSet(),
    })
    const role = props.Role['Fn::GetAtt'][0]
    const ses = all(mailed.json, 'AWS::IAM::Policy')
      .filter(([, p]) => p.Properties?.Roles.some((r: any) => r.Ref === role))
      .flatMap(([, p]) => p.Properties?.PolicyDocument.Statement as any[])
      .filter((s) => list(s.Action).some((a: string) => a.startsWith('ses:')))
    expect(ses).toHaveLength(1)
    expect(ses[0].Action).toEqual(['ses:SendEmail', 'ses:SendRawEmail'])
    // Exactly what the notifier may send through: no wildcard.
    expect(ses[0].Resource).toEqual(
      roleStatements().find((s) => list(s.Action).includes('ses:SendEmail')).Resource,
    )
  })

  it('lets the notifier send only through that identity and configuration set', () => {
    const ses = roleStatements().filter((s) => list(s.Action).some((a: string) => a.startsWith('ses:')))
    const arn = (...resource: unknown[]) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ...resource,
        ],
      ],
    })
    expect(ses).toHaveLength(1)
    expect(ses[0]).toMatchObject({ Effect: 'Allow', Action: ['ses:SendEmail', 'ses:SendRawEmail'] })
    expect(ses[0].Resource).toHaveLength(2)
    expect(ses[0].Resource).toEqual(
      expect.arrayContaining([arn(':identity/blog.example'), arn(':configuration-set/', configSet())]),
    )
  })
})
