import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'

/** PKCS#8 DER prefix of an Ed25519 private key: the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

export interface SigningKey {
  kid: string
  privateKey: KeyObject
  publicKey: KeyObject
}

/** The Ed25519 key pair of a 32-byte seed, with a `kid` that names its public half. */
export function signingKeyFromSeed(seed: Buffer): SigningKey {
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = createPublicKey(privateKey)
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return { kid: createHash('sha256').update(der).digest('base64url').slice(0, 16), privateKey, publicKey }
}
