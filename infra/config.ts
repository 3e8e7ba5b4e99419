/**
 * The stage config: every knob of a deployment, read from CDK context (`cdk.json` or `-c key=value`),
 * checked all at once so a typo fails the synth with one list of what is wrong.
 */

export type PriceClassName = '100' | '200' | 'All'

export interface StageConfig {
  /** Names the stack `Parley-<stage>`; `prod` unless given. */
  stage: string
  stackName: string
  /** Where to deploy; unset means the CLI's default account and region (environment-agnostic synth). */
  account: string | undefined
  region: string | undefined
  /** An e-mail subscribed to the alarm topic (confirm the subscription mail once). */
  adminEmail: string | undefined
  /** A custom domain for the distribution, with an ACM certificate in us-east-1 that covers it. */
  domain: { name: string; certificateArn: string } | undefined
  /** A WAF rate-based rule (requests per 5 minutes per IP); needs region us-east-1. Off by default. */
  wafRateLimit: number | undefined
  /** An existing CloudFront-scoped web ACL to attach instead of creating one. */
  webAclArn: string | undefined
  /** Caps the function's concurrency; unset leaves it to the account pool. */
  reservedConcurrency: number | undefined
  memoryMb: number
  timeoutSeconds: number
  logRetentionDays: number
  /** HTTP API stage throttling: steady requests per second and burst. */
  throttle: { rateLimit: number; burstLimit: number }
  priceClass: PriceClassName
  /** Notification mail through SES; unset: the notifier delivers webhooks only. */
  mail: MailConfig | undefined
}

export interface MailConfig {
  /** The deployment's From (`Blog <comments@blog.example>` or a bare address). */
  from: string
  /** The SES identity that sends it: the From address's domain. */
  domain: string
  /** `create`: the stack creates the domain identity (DKIM records in its outputs); `existing`: already verified in SES. */
  identity: 'create' | 'existing'
}

/** Reads one context value; the CLI gives strings, cdk.json may give numbers or booleans. */
export type ContextReader = (key: string) => unknown

const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 3653]
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/
/** `Name <local@domain>` or `local@domain`; the display name without quotes, brackets or line breaks. */
const MAIL_FROM =
  /^(?:[^"<>\r\n@]{1,64} <[^\s@<>"]{1,64}@([a-z0-9.-]{1,253})>|[^\s@<>"]{1,64}@([a-z0-9.-]{1,253}))$/
const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/

/**
 * Builds the stage config from context and the CLI's default environment.
 * @throws Error listing every invalid or inconsistent value
 */
export function readStageConfig(
  context: ContextReader,
  env: Record<string, string | undefined> = process.env,
): StageConfig {
  const problems: string[] = []
  const text = (key: string, pattern?: RegExp, hint = 'is not valid'): string | undefined => {
    const value = context(key)
    if (value === undefined || value === null || value === '') return undefined
    const s = String(value).trim()
    if (pattern && !pattern.test(s)) problems.push(`${key}: ${JSON.stringify(s)} ${hint}`)
    return s
  }
  const int = (key: string, min: number, max: number, fallback?: number): number | undefined => {
    const raw = context(key)
    if (raw === undefined || raw === null || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key}: ${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`)
      return fallback
    }
    return n
  }

  const stage =
    text('stage', /^[a-z][a-z0-9-]{0,19}$/, 'must be lower-case letters, digits, dashes') ?? 'prod'
  const region = text('region', /^[a-z]{2}(-[a-z]+)+-\d$/) ?? env.CDK_DEFAULT_REGION
  const domainName = text('domainName', DOMAIN, 'must be a lower-case host name')
  const certificateArn = text(
    'certificateArn',
    CERTIFICATE_ARN,
    'must be an ACM certificate ARN in us-east-1',
  )
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    problems.push('domainName and certificateArn go together (CloudFront needs a certificate in us-east-1)')
  }
  const wafRateLimit = int('wafRateLimit', 10, 2_000_000_000)
  const webAclArn = text('webAclArn', WEB_ACL_ARN, 'must be a CloudFront-scoped (global) web ACL ARN')
  if (wafRateLimit !== undefined && webAclArn !== undefined) {
    problems.push('wafRateLimit and webAclArn exclude each other: create a web ACL or attach one')
  }
  if (wafRateLimit !== undefined && region !== 'us-east-1') {
    problems.push(
      'wafRateLimit needs the stack in us-east-1 (CloudFront web ACLs live there); deploy there or pass webAclArn',
    )
  }
  const logRetentionDays = int('logRetentionDays', 1, 3653, 30) ?? 30
  if (!RETENTION_DAYS.includes(logRetentionDays)) {
    problems.push(`logRetentionDays: ${logRetentionDays} is not one of ${RETENTION_DAYS.join(', ')}`)
  }
  const priceClass = text('priceClass', /^(100|200|All)$/, 'must be 100, 200 or All') ?? '100'

  const mailFrom = text(
    'mailFrom',
    MAIL_FROM,
    'must be `local@domain` or `Name <local@domain>`, domain in lower case',
  )
  const mailDomain = mailFrom ? MAIL_FROM.exec(mailFrom)?.slice(1).find(Boolean) : undefined
  if (mailDomain !== undefined && !DOMAIN.test(mailDomain)) {
    problems.push(`mailFrom: ${JSON.stringify(mailDomain)} is not a host name SES can verify`)
  }
  const mailIdentity = text('mailIdentity', /^(create|existing)$/, 'must be create or existing')
  if (mailIdentity !== undefined && mailFrom === undefined) {
    problems.push("mailIdentity needs mailFrom: the identity is the From address's domain")
  }

  const config: StageConfig = {
    stage,
    stackName: `Parley-${stage}`,
    account: text('account', /^\d{12}$/) ?? env.CDK_DEFAULT_ACCOUNT,
    region,
    adminEmail: text('adminEmail', EMAIL, 'is not an e-mail address'),
    domain: domainName && certificateArn ? { name: domainName, certificateArn } : undefined,
    wafRateLimit,
    webAclArn,
    reservedConcurrency: int('reservedConcurrency', 1, 10_000),
    memoryMb: int('memoryMb', 128, 10_240, 1024) ?? 1024,
    timeoutSeconds: int('timeoutSeconds', 3, 29, 10) ?? 10,
    logRetentionDays,
    throttle: {
      rateLimit: int('throttleRate', 1, 10_000, 50) ?? 50,
      burstLimit: int('throttleBurst', 1, 5_000, 100) ?? 100,
    },
    priceClass: priceClass as PriceClassName,
    mail:
      mailFrom && mailDomain
        ? {
            from: mailFrom,
            domain: mailDomain,
            identity: mailIdentity === 'existing' ? 'existing' : 'create',
          }
        : undefined,
  }
  if (problems.length > 0) throw new Error(`invalid Parley stage config:\n  ${problems.join('\n  ')}`)
  return config
}
