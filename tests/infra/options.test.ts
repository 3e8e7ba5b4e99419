import { Validations } from 'aws-cdk-lib'
import { Secret } from 'aws-cdk-lib/aws-secretsmanager'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../infra/build-app.js'
import {
  ALL_OPTIONS,
  all,
  CDK_JSON_CONTEXT,
  lambdaFunction,
  notifierFunction,
  only,
  type Synth,
  synthesize,
} from './synth.js'

// Every optional part on: custom domain, WAF, e-mail, reserved concurrency. Built-in CloudFormation
// validation is the default synth's test; here only the cdk-nag packs run (strict, as always).
let synth: Synth
beforeAll(async () => {
  synth = await synthesize({ bundle: false, cfnValidation: false, context: ALL_OPTIONS })
})
afterAll(() => synth?.cleanup())

const distribution = () => only(synth.json, 'AWS::CloudFront::Distribution')[1].Properties?.DistributionConfig

describe('stage options', () => {
  it('serves the custom domain with its certificate and TLS 1.2 at least', () => {
    expect(distribution()).toMatchObject({
      Aliases: ['comments.blog.example'],
      ViewerCertificate: {
        AcmCertificateArn: ALL_OPTIONS.certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    })
    expect(synth.json.Outputs?.ApiUrl?.Value).toBe('https://comments.blog.example')
    const env = lambdaFunction(synth.json)[1].Properties?.Environment.Variables
    expect(env.PUBLIC_HOST).toBe('comments.blog.example')
    // Links in mails name the custom domain too.
    expect(notifierFunction(synth.json)[1].Properties?.Environment.Variables.API_ORIGIN).toBe(
      'https://comments.blog.example',
    )
  })

  it('attaches a CloudFront-scoped web ACL with a rate-based rule per IP', () => {
    const [id, acl] = only(synth.json, 'AWS::WAFv2::WebACL')
    expect(acl.Properties).toMatchObject({
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        { Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 500, AggregateKeyType: 'IP' } } },
      ],
    })
    expect(distribution().WebACLId).toEqual({ 'Fn::GetAtt': [id, 'Arn'] })
  })

  it('subscribes the admin e-mail to the alarm topic', () => {
    const [, subscription] = only(synth.json, 'AWS::SNS::Subscription')
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: 'ops@blog.example' })
  })

  it('reserves the function concurrency asked for', () => {
    expect(lambdaFunction(synth.json)[1].Properties?.ReservedConcurrentExecutions).toBe(20)
  })

  it('is still nag-clean, without the acknowledgements only the defaults need', () => {
    const acknowledged = synth.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules'))
      .flatMap((m) => Object.keys(m.data as object))
    expect(acknowledged).not.toContain('AwsSolutions::AwsSolutions-CFR2')
    expect(acknowledged).not.toContain('AwsSolutions::AwsSolutions-CFR4')
    expect(all(synth.json, 'AWS::CloudWatch::Alarm')).toHaveLength(6)
  })
})

describe('mail identity', () => {
  it('sends mail from an identity verified outside the stack without creating one', async () => {
    const existing = await synthesize({
      bundle: false,
      cfnValidation: false,
      context: { mailFrom: 'comments@blog.example', mailIdentity: 'existing' },
    })
    try {
      expect(all(existing.json, 'AWS::SES::EmailIdentity')).toEqual([])
      expect(existing.json.Outputs?.MailDkimRecords).toBeUndefined()
      const ses = all(existing.json, 'AWS::IAM::Policy')
        .flatMap(([, p]) => p.Properties?.PolicyDocument.Statement as any[])
        .filter((s) => [s.Action].flat().includes('ses:SendEmail'))
      expect(JSON.stringify(ses)).toContain(':identity/blog.example')
      expect(all(existing.json, 'AWS::SES::ConfigurationSet')).toHaveLength(1)
    } finally {
      await existing.cleanup()
    }
  })

  it('creates the identity when all options are on', () => {
    expect(only(synth.json, 'AWS::SES::EmailIdentity')[1].Properties?.EmailIdentity).toBe('blog.example')
  })
})

describe('cdk-nag', () => {
  it('fails the synth on a finding nobody acknowledged', () => {
    const { app, stack } = buildApp({
      bundle: false,
      cfnValidation: false,
      env: {},
      context: CDK_JSON_CONTEXT,
    })
    new Secret(stack, 'Unrotated')
    expect(() => app.synth()).toThrow(/AwsSolutions-SMG4|automatic rotation/)
  })

  it('passes the same finding once it is acknowledged with a reason', () => {
    const { app, stack } = buildApp({
      bundle: false,
      cfnValidation: false,
      env: {},
      context: CDK_JSON_CONTEXT,
    })
    const secret = new Secret(stack, 'Unrotated')
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason: 'test of the plugin',
    })
    expect(() => app.synth()).not.toThrow()
  })
})
