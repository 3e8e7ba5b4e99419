import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import type { WebhookTarget } from './webhook-target.js'

/** Why an attempt failed, as the delivery log keeps it: a class, never a receiver's words. */
export type DeliveryError =
  | 'url'
  | 'dns'
  | 'address'
  | 'secret'
  | 'timeout'
  | 'network'
  | 'redirect'
  | 'status'

export interface PostOutcome {
  /** The receiver's HTTP status, when it answered one. */
  status: number | null
  error: DeliveryError | null
  durationMs: number
}

export const POST_TIMEOUT_MS = 5_000
/** What is read of a receiver's answer before the connection is dropped: only its status matters. */
export const MAX_RESPONSE_BYTES = 4_096

/** A lookup that answers the address already checked, so nothing resolves the host again. */
export const pinnedLookup =
  (target: Pick<WebhookTarget, 'address' | 'family'>): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }])
    else callback(null, target.address, target.family)
  }

/**
 * Posts one delivery to the checked address of its target: no redirect followed (a 3xx is a
 * failure), no connection kept, at most {@link POST_TIMEOUT_MS} in all and
 * {@link MAX_RESPONSE_BYTES} of the answer read. Never rejects: every failure is an outcome.
 */
export function postWebhook(
  target: WebhookTarget,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs?: number; now?: () => number } = {},
): Promise<PostOutcome> {
  const now = options.now ?? Date.now
  const started = now()
  const client = target.url.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    let done = false
    const finish = (status: number | null, error: DeliveryError | null) => {
      if (done) return
      done = true
      clearTimeout(timer)
      request.destroy()
      resolve({ status, error, durationMs: Math.max(0, now() - started) })
    }
    const request = client.request(target.url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(target),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Parley-Webhooks/1',
        'content-length': String(Buffer.byteLength(body)),
        ...headers,
      },
    })
    const timer = setTimeout(() => finish(null, 'timeout'), options.timeoutMs ?? POST_TIMEOUT_MS)
    request.on('error', () => finish(null, 'network'))
    request.on('response', (response) => {
      const status = response.statusCode ?? 0
      const error: DeliveryError | null =
        status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? 'redirect' : 'status'
      let read = 0
      response.on('data', (chunk: Buffer) => {
        read += chunk.length
        if (read >= MAX_RESPONSE_BYTES) finish(status, error)
      })
      response.on('end', () => finish(status, error))
      response.on('error', () => finish(status, error))
    })
    request.end(body)
  })
}
