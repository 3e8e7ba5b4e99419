import { hkdfSync } from 'node:crypto'

/** Purpose-bound keys, all derived from the one master secret so a deployment pays for one secret. */
export interface Keys {
  adminKey: string
  cursor: Buffer
  editToken: Buffer
  ipHash: Buffer
  formToken: Buffer
}

const derive = (secret: Uint8Array, purpose: string) =>
  Buffer.from(hkdfSync('sha256', secret, 'parley', `parley/${purpose}/v1`, 32))

/**
 * Derives every key the service signs or hashes with.
 * @throws TypeError when the secret is shorter than 32 bytes
 */
export function deriveKeys(secret: Uint8Array, adminKeyOverride?: string): Keys {
  if (secret.byteLength < 32) throw new TypeError('the master secret must be at least 32 bytes')
  return {
    adminKey: adminKeyOverride ?? derive(secret, 'admin-key').toString('base64url'),
    cursor: derive(secret, 'cursor'),
    editToken: derive(secret, 'edit-token'),
    ipHash: derive(secret, 'ip-hash'),
    formToken: derive(secret, 'form-token'),
  }
}
