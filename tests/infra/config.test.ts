import { describe, expect, it } from 'vitest'
import { readStageConfig } from '../../infra/config.js'

const read = (context: Record<string, unknown>, env: Record<string, string | undefined> = {}) =>
  readStageConfig((key) => context[key], env)

describe('readStageConfig', () => {
  it('defaults to stage prod with explicit function and API settings', () => {
    expect(read({})).toEqual({
      stage: 'prod',
      stackName: 'Parley-prod',
      account: undefined,
      region: undefined,
      adminEmail: undefined,
      domain: undefined,
      wafRateLimit: undefined,
      webAclArn: undefined,
      reservedConcurrency: undefined,
      memoryMb: 1024,
      timeoutSeconds: 10,
      logRetentionDays: 30,
      throttle: { rateLimit: 50, burstLimit: 100 },
      priceClass: '100',
      mail: undefined,
    })
  })

  it('reads the mail sender: its domain is the SES identity, created unless it exists', () => {
    expect(read({ mailFrom: 'Blog comments <comments@blog.example>' }).mail).toEqual({
      from: 'Blog comments <comments@blog.example>',
      domain: 'blog.example',
      identity: 'create',
    })
    expect(read({ mailFrom: 'comments@mail.blog.example', mailIdentity: 'existing' }).mail).toEqual({
      from: 'comments@mail.blog.example',
      domain: 'mail.blog.example',
      identity: 'existing',
    })
  })

  it('refuses a mail sender that is no address, a header injection, or an identity without a sender', () => {
    for (const mailFrom of [
      'comments',
      'comments@localhost',
      'Blog <comments@Blog.Example>',
      'Blog\r\nBcc: x@evil.example <comments@blog.example>',
      '"Blog" <comments@blog.example>',
      'a@b@blog.example',
      'comments@blog..example',
      `${'x'.repeat(65)}@blog.example`,
      `${'B'.repeat(65)} <comments@blog.example>`,
      `comments@${'a'.repeat(64)}.example`,
    ]) {
      expect(() => read({ mailFrom }), mailFrom).toThrow(/mailFrom: /)
    }
    expect(() => read({ mailIdentity: 'existing' })).toThrow(/mailIdentity needs mailFrom/)
    expect(() => read({ mailFrom: 'a@blog.example', mailIdentity: 'maybe' })).toThrow(/mailIdentity: /)
  })

  it('reads -c values given as strings, and the CLI default environment', () => {
    const config = read(
      { stage: 'staging', reservedConcurrency: '5', memoryMb: '512', adminEmail: 'ops@blog.example' },
      { CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-west-1' },
    )
    expect(config).toMatchObject({
      stackName: 'Parley-staging',
      reservedConcurrency: 5,
      memoryMb: 512,
      adminEmail: 'ops@blog.example',
      account: '123456789012',
      region: 'eu-west-1',
    })
  })

  it('lists every bad value at once', () => {
    const problems = (() => {
      try {
        read({ stage: 'Prod!', memoryMb: 'lots', adminEmail: 'nobody', logRetentionDays: 31 })
      } catch (err) {
        return (err as Error).message
      }
      return ''
    })()
    for (const key of ['stage', 'memoryMb', 'adminEmail', 'logRetentionDays']) {
      expect(problems).toMatch(new RegExp(`\\n  ${key}: `))
    }
  })

  it('needs a us-east-1 certificate with a custom domain', () => {
    expect(() => read({ domainName: 'comments.blog.example' })).toThrow(
      /domainName and certificateArn go together/,
    )
    expect(() =>
      read({
        domainName: 'comments.blog.example',
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
      }),
    ).toThrow(/certificateArn.*us-east-1/)
  })

  it('creates a web ACL only in us-east-1, and never together with an attached one', () => {
    expect(() => read({ wafRateLimit: 500, region: 'eu-west-1' })).toThrow(
      /wafRateLimit needs the stack in us-east-1/,
    )
    expect(read({ wafRateLimit: '500', region: 'us-east-1' }).wafRateLimit).toBe(500)
    expect(() =>
      read({
        wafRateLimit: 500,
        region: 'us-east-1',
        webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/0d6f5c1e',
      }),
    ).toThrow(/exclude each other/)
  })
})
