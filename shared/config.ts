import * as z from 'zod/mini'

const Secret = z.string().check(z.regex(/^[A-Za-z0-9_-]{43,}$/, 'must be at least 32 bytes, base64url'))

const EnvSchema = z.object({
  TABLE_NAME: z.string().check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/)),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  /** Another DynamoDB than AWS's (DynamoDB Local). */
  DYNAMODB_ENDPOINT: z.optional(z.url({ protocol: /^https?$/ })),
  /** The one master secret every other key is derived from (HKDF). */
  PARLEY_SECRET: Secret,
  /** Overrides the admin key derived from the master secret. */
  ADMIN_KEY: z.optional(z.string().check(z.minLength(24))),
})

export interface Config {
  tableName: string
  region: string
  dynamoDbEndpoint: string | undefined
  secret: Uint8Array
  adminKey: string | undefined
}

/**
 * Parses the environment once. Only composition roots call this; everything else receives `Config`.
 * @throws TypeError listing every invalid variable
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const r = EnvSchema.safeParse(env)
  if (!r.success) throw new TypeError(`invalid environment:\n${z.prettifyError(r.error)}`)
  return Object.freeze({
    tableName: r.data.TABLE_NAME,
    region: r.data.AWS_REGION,
    dynamoDbEndpoint: r.data.DYNAMODB_ENDPOINT,
    secret: Buffer.from(r.data.PARLEY_SECRET, 'base64url'),
    adminKey: r.data.ADMIN_KEY,
  })
}
