/**
 * Reads a secret's string value, the current one or the one before the last rotation (undefined
 * when there is none); Secrets Manager in AWS, anything else in tests.
 */
export type SecretReader = (secretId: string, stage?: 'AWSPREVIOUS') => Promise<string | undefined>

/**
 * The environment with `PARLEY_SECRET` filled in: as given when set (local mode, tests), else read
 * once from Secrets Manager when `PARLEY_SECRET_ARN` names the secret (AWS, where the environment
 * holds only the ARN). Any other environment is returned as is, for `loadConfig` to reject.
 * @throws whatever the reader throws: a cold start without its secret must fail, not limp on
 */
export async function withMasterSecret(
  env: Record<string, string | undefined>,
  read: SecretReader = readFromSecretsManager,
): Promise<Record<string, string | undefined>> {
  if (env.PARLEY_SECRET || !env.PARLEY_SECRET_ARN) return env
  const [current, previous] = await Promise.all([
    read(env.PARLEY_SECRET_ARN),
    read(env.PARLEY_SECRET_ARN, 'AWSPREVIOUS'),
  ])
  if (!current) throw new TypeError(`secret ${env.PARLEY_SECRET_ARN} has no value`)
  return {
    ...env,
    PARLEY_SECRET: current.trim(),
    ...(previous && { PARLEY_PREVIOUS_SECRET: previous.trim() }),
  }
}

/**
 * One GetSecretValue call. The client is loaded on first use, so local mode and tests never
 * evaluate it; its endpoint and credentials come from the standard AWS environment.
 */
export async function readFromSecretsManager(
  secretId: string,
  stage?: 'AWSPREVIOUS',
): Promise<string | undefined> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager')
  const client = new SecretsManagerClient({ maxAttempts: 3 })
  try {
    const { SecretString } = await client.send(
      new GetSecretValueCommand({ SecretId: secretId, ...(stage && { VersionStage: stage }) }),
    )
    if (!SecretString) throw new TypeError(`secret ${secretId} has no string value`)
    return SecretString
  } catch (err) {
    // A secret never rotated has no previous version: that is not an error.
    if (stage && err instanceof Error && err.name === 'ResourceNotFoundException') return undefined
    throw err
  } finally {
    client.destroy()
  }
}
