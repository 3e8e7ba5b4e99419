import * as z from 'zod/mini'

const Secret = z.string().check(z.regex(/^[A-Za-z0-9_-]{43,}$/, 'must be at least 32 bytes, base64url'))

const EnvSchema = z.object({
  TABLE_NAME: z.string().check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/)),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  /** Another DynamoDB than AWS's (DynamoDB Local). */
  DYNAMODB_ENDPOINT: z.optional(z.url({ protocol: /^https?$/ })),
  /** The one master secret every other key is derived from (HKDF); in AWS read via PARLEY_SECRET_ARN. */
  PARLEY_SECRET: Secret,
  /** The master secret before the last rotation: sessions it signed stay valid until they expire. */
  PARLEY_PREVIOUS_SECRET: z.optional(Secret),
  /** Overrides the admin key derived from the master secret. */
  ADMIN_KEY: z.optional(z.string().check(z.minLength(24))),
  /** Behind CloudFront (AWS): the value of the edge's `x-parley-edge` header; see `edge-origin.ts`. */
  EDGE_TOKEN: z.optional(z.string().check(z.minLength(16))),
  /** Behind CloudFront: the host readers use (absolute URLs such as sign-in redirects are built on it). */
  PUBLIC_HOST: z.optional(z.string().check(z.regex(/^[a-z0-9.-]+(:\d+)?$/))),
  /** The From of the mail the API itself sends (sign-in codes), through SES; unset: it sends none. */
  MAIL_FROM: z.optional(z.string().check(z.maxLength(320))),
  /** Where SES reports the bounces and complaints of that mail. */
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.maxLength(64))),
})

export interface Config {
  tableName: string
  region: string
  dynamoDbEndpoint: string | undefined
  secret: Uint8Array
  previousSecret: Uint8Array | undefined
  adminKey: string | undefined
  /** Set when the API sits behind CloudFront: only requests carrying it are served. */
  edgeToken?: string
  publicHost?: string
  /** The From of the sign-in codes the API mails (SES); without it nobody signs in by e-mail. */
  mailFrom?: string
  sesConfigurationSet?: string
}

/**
 * Parses the environment once. Only composition roots call this; everything else receives `Config`.
 * @throws TypeError listing every invalid variable
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  // Once per process: zod's compiled fast path would cost more to compile than it saves.
  const r = EnvSchema.safeParse(env, { jitless: true })
  if (!r.success) throw new TypeError(`invalid environment:\n${z.prettifyError(r.error)}`)
  return Object.freeze({
    tableName: r.data.TABLE_NAME,
    region: r.data.AWS_REGION,
    dynamoDbEndpoint: r.data.DYNAMODB_ENDPOINT,
    secret: Buffer.from(r.data.PARLEY_SECRET, 'base64url'),
    previousSecret:
      r.data.PARLEY_PREVIOUS_SECRET === undefined
        ? undefined
        : Buffer.from(r.data.PARLEY_PREVIOUS_SECRET, 'base64url'),
    adminKey: r.data.ADMIN_KEY,
    ...(r.data.EDGE_TOKEN !== undefined && { edgeToken: r.data.EDGE_TOKEN }),
    ...(r.data.PUBLIC_HOST !== undefined && { publicHost: r.data.PUBLIC_HOST }),
    // Empty is none, as for the notifier.
    ...(r.data.MAIL_FROM && { mailFrom: r.data.MAIL_FROM }),
    ...(r.data.SES_CONFIGURATION_SET && { sesConfigurationSet: r.data.SES_CONFIGURATION_SET }),
  })
}
