import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Keys } from './keys.js'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Seals a secret the table keeps (a webhook's signing secret, an OAuth client secret) with
 * AES-256-GCM under `keys.storedSecrets`. `context` names what the secret belongs to and is bound
 * as associated data, so a sealed value copied onto another item does not open there.
 */
export function sealSecret(keys: Keys, secret: string, context: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', keys.storedSecrets, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(context))
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return [VERSION, iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

const open = (key: Buffer, iv: Buffer, sealed: Buffer, tag: Buffer, context: string) => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(context))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8')
  } catch {
    return undefined
  }
}

/**
 * Opens what {@link sealSecret} sealed, with the current key or, after a rotation of the master
 * secret, the previous one.
 * @throws TypeError when the value is not a sealed secret, or opens under neither key for this context
 */
export function openSecret(keys: Keys, value: string, context: string): string {
  const [version, ...parts] = value.split('.')
  const [iv, sealed, tag] = parts.map((part) => Buffer.from(part, 'base64url'))
  if (version !== VERSION || parts.length !== 3 || !iv || !sealed || !tag || iv.length !== IV_BYTES)
    throw new TypeError('not a sealed secret')
  if (tag.length !== TAG_BYTES) throw new TypeError('not a sealed secret')
  for (const key of [keys.storedSecrets, keys.previousStoredSecrets]) {
    const secret = key && open(key, iv, sealed, tag, context)
    if (secret !== undefined) return secret
  }
  throw new TypeError('the sealed secret opens under neither the current nor the previous key')
}
