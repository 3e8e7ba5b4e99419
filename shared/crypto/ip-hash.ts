import type { Keys } from './keys.js'
import { mac } from './mac.js'

/**
 * A value that identifies a person (an IP address, an e-mail) as it may be stored: a keyed hash,
 * so a leaked table reveals no reader's address.
 */
export const keyedHash = (keys: Keys, kind: 'ip' | 'email' | 'user', value: string) =>
  mac(keys.ipHash, `${kind}:${kind === 'email' ? value.trim().toLowerCase() : value}`).slice(0, 32)

export const hmacIp = (keys: Keys, ip: string) => keyedHash(keys, 'ip', ip)
