import type { Problem } from '../../../shared/contracts/index.js'
import { ApiError } from '../../browser/errors.js'

export type { ProvidersResponse, SessionUser, TokenResponse } from '../../../shared/contracts/index.js'
// A failed call: the error the moderation page's client throws too.
export { ApiError }

export interface CallOptions {
  method?: string
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
}

export type Call = <T>(path: string, options?: CallOptions) => Promise<T>

/**
 * Calls `base + path` and parses its JSON. Messages: the problem's `detail`, else `failed(status)`;
 * `offline` when the request never got an answer.
 */
export const createCall =
  (base: string, messages: { offline: string; failed: (status: number) => string }): Call =>
  async <T>(path: string, { method = 'GET', body, headers = {}, signal }: CallOptions = {}) => {
    let res: Response
    try {
      res = await fetch(base + path, {
        method,
        headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(signal && { signal }),
        credentials: 'omit',
        // Always ask the API (the edge may still answer from its cache): a list the browser kept
        // under stale-while-revalidate would hide a comment or like the reader just made.
        cache: 'no-cache',
      })
    } catch (error) {
      if (signal?.aborted) throw error
      throw new ApiError(messages.offline, 0)
    }
    const data = res.status === 204 ? undefined : await res.json().catch(() => undefined)
    if (!res.ok) {
      const problem = (data ?? {}) as Partial<Problem>
      throw new ApiError(problem.detail || messages.failed(res.status), res.status, problem)
    }
    return data as T
  }

/** A fresh Idempotency-Key (`randomUUID` needs a secure context; the fallback does not). */
export const newKey = (): string =>
  crypto.randomUUID?.() ??
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
