import { describe, expect, it } from 'vitest'
import { withMasterSecret } from '../../../shared/secrets/master-secret.js'

const SECRET = 'a'.repeat(43)
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:parley-AbCdEf'

describe('withMasterSecret', () => {
  it('keeps PARLEY_SECRET as given and reads nothing', async () => {
    const reads: string[] = []
    const env = { PARLEY_SECRET: SECRET, PARLEY_SECRET_ARN: ARN }
    const read = async (id: string) => {
      reads.push(id)
      return 'other'
    }
    expect(await withMasterSecret(env, read)).toBe(env)
    expect(reads).toEqual([])
  })

  it('reads the secret named by PARLEY_SECRET_ARN once, trimmed, and no previous one when never rotated', async () => {
    const reads: string[] = []
    const env = await withMasterSecret({ PARLEY_SECRET_ARN: ARN, TABLE_NAME: 't' }, async (id, stage) => {
      reads.push(`${id}${stage ? `@${stage}` : ''}`)
      return stage ? undefined : `${SECRET}\n`
    })
    expect(env).toEqual({ PARLEY_SECRET_ARN: ARN, TABLE_NAME: 't', PARLEY_SECRET: SECRET })
    expect(reads.sort()).toEqual([ARN, `${ARN}@AWSPREVIOUS`])
  })

  it('passes the version before the last rotation on, so its sessions stay valid', async () => {
    const previous = 'b'.repeat(43)
    const env = await withMasterSecret({ PARLEY_SECRET_ARN: ARN }, async (_id, stage) =>
      stage ? previous : SECRET,
    )
    expect(env).toMatchObject({ PARLEY_SECRET: SECRET, PARLEY_PREVIOUS_SECRET: previous })
  })

  it('lets a failed read fail the cold start', async () => {
    const failing = async () => {
      throw new Error('AccessDeniedException')
    }
    await expect(withMasterSecret({ PARLEY_SECRET_ARN: ARN }, failing)).rejects.toThrow(
      'AccessDeniedException',
    )
  })

  it('returns an environment without either variable unchanged, for loadConfig to reject', async () => {
    const env = { TABLE_NAME: 't' }
    expect(await withMasterSecret(env)).toBe(env)
  })
})
