import type { Keys } from './keys.js'
import { mac } from './mac.js'

/** An IP address as it may be stored: a keyed hash, so a leaked table reveals no reader's address. */
export const hmacIp = (keys: Keys, ip: string) => mac(keys.ipHash, `ip:${ip}`).slice(0, 32)
