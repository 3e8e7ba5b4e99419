import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** HMAC-SHA256 of `data`, base64url. */
export const mac = (key: Buffer, data: string): string =>
  createHmac('sha256', key).update(data).digest('base64url')

/** SHA-256 of `data`, base64url. */
export const sha256 = (data: string): string => createHash('sha256').update(data).digest('base64url')

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** `payload.mac`: a value the client may hold but not change. */
export const seal = (key: Buffer, payload: string): string => `${payload}.${mac(key, payload)}`

/** The payload of a sealed value, or undefined when it was changed or sealed with another key. */
export function unseal(key: Buffer, sealed: string): string | undefined {
  const dot = sealed.lastIndexOf('.')
  if (dot < 1) return undefined
  const payload = sealed.slice(0, dot)
  return safeEqual(sealed.slice(dot + 1), mac(key, payload)) ? payload : undefined
}
