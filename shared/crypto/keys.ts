import { hkdfSync } from 'node:crypto'
import { madeOnFirstRead } from '../once.js'

/** Purpose-bound keys, all derived from the one master secret so a deployment pays for one secret. */
export interface Keys {
  adminKey: string
  cursor: Buffer
  editToken: Buffer
  ipHash: Buffer
  formToken: Buffer
  /** Seals the short-lived state of a sign-in popup (PKCE verifier, nonce, opener origin). */
  signInFlow: Buffer
  /** Signs the single-purpose tokens of mail links (confirm, unsubscribe, moderate). */
  mailToken: Buffer
  /** Encrypts (AES-256-GCM) the secrets the table keeps: webhook signing secrets, OAuth client secrets. */
  storedSecrets: Buffer
  /** The stored-secrets key of the previous master secret, so what it sealed stays readable after a rotation. */
  previousStoredSecrets: Buffer | undefined
  /** Seed of the Ed25519 key that signs sessions. */
  session: Buffer
  /** The session seed of the previous master secret, so sessions survive a rotation. */
  previousSession: Buffer | undefined
}

const derive = (secret: Uint8Array, purpose: string) =>
  Buffer.from(hkdfSync('sha256', secret, 'parley', `parley/${purpose}/v1`, 32))

/**
 * Derives every key the service signs or hashes with, each on first use: a cold start's first
 * request (a page's comments) needs one or two of them, not all of the HKDF runs.
 * @throws TypeError when the secret is shorter than 32 bytes
 */
export function deriveKeys(secret: Uint8Array, adminKeyOverride?: string, previousSecret?: Uint8Array): Keys {
  if (secret.byteLength < 32) throw new TypeError('the master secret must be at least 32 bytes')
  if (previousSecret && previousSecret.byteLength < 32)
    throw new TypeError('the previous secret must be at least 32 bytes')
  // Copies, so that what the caller later does to its buffers cannot change a key not yet derived.
  const [current, previous] = [Buffer.from(secret), previousSecret && Buffer.from(previousSecret)]
  const key = (purpose: string) => () => derive(current, purpose)
  return madeOnFirstRead<Keys>({
    adminKey: () => adminKeyOverride ?? derive(current, 'admin-key').toString('base64url'),
    cursor: key('cursor'),
    editToken: key('edit-token'),
    ipHash: key('ip-hash'),
    formToken: key('form-token'),
    signInFlow: key('sign-in-flow'),
    mailToken: key('mail-token'),
    storedSecrets: key('stored-secrets'),
    previousStoredSecrets: () => previous && derive(previous, 'stored-secrets'),
    session: key('session'),
    previousSession: () => previous && derive(previous, 'session'),
  })
}
