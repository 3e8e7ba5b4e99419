import { CliError } from './cli-error.js'

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number
  /** The first backoff; it doubles each try, with jitter, up to `maxDelayMs`. */
  baseMs: number
  maxDelayMs: number
  /** What one second of `Retry-After` is worth: 1000, except in tests. */
  retryAfterUnitMs: number
  /** The longest `Retry-After` obeyed, in seconds. */
  maxRetryAfterSeconds: number
  /** A request whose answer has not begun by then is abandoned and tried again (a long body may take longer). */
  timeoutMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  baseMs: 500,
  maxDelayMs: 30_000,
  retryAfterUnitMs: 1000,
  maxRetryAfterSeconds: 300,
  timeoutMs: 120_000,
}

/** Throttled, unavailable, or a gateway's timeout: the next try may well succeed. */
const RETRYABLE = new Set([429, 502, 503, 504])

export interface HttpClient {
  fetch: typeof fetch
  retry: RetryPolicy
  sleep: (ms: number) => Promise<void>
  /** Told before each wait: why, and for how long. */
  onRetry: (reason: string, waitMs: number) => void
}

/**
 * Sends a request, trying again after network errors, timeouts, 429 and 5xx-unavailable answers
 * (after `Retry-After` when the server says so, else after an exponential backoff). Returns the
 * first other answer, whatever its status.
 * @throws CliError when the last try still fails
 */
export async function fetchWithRetry(url: string, init: RequestInit, http: HttpClient): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let reason: string
    let waitMs = backoff(attempt, http.retry)
    try {
      const res = await fetchHeaders(url, init, http)
      if (!RETRYABLE.has(res.status)) return res
      reason = `${res.status} ${(await problemOf(res)).code}`
      waitMs = retryAfter(res.headers.get('retry-after'), http.retry) ?? waitMs
    } catch (error) {
      reason = networkError(error)
    }
    if (attempt >= http.retry.attempts) {
      throw new CliError(`${init.method ?? 'GET'} ${url} failed ${attempt} times; last: ${reason}`)
    }
    http.onRetry(reason, waitMs)
    await http.sleep(waitMs)
  }
}

async function fetchHeaders(url: string, init: RequestInit, http: HttpClient): Promise<Response> {
  const controller = new AbortController()
  const timer = setTimeout(
    () => controller.abort(Object.assign(new Error('no answer in time'), { name: 'TimeoutError' })),
    http.retry.timeoutMs,
  )
  try {
    return await http.fetch(url, { ...init, signal: controller.signal })
  } finally {
    clearTimeout(timer)
  }
}

function backoff(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2)
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds to wait; `undefined` when absent or unreadable. */
export function retryAfter(header: string | null, policy: RetryPolicy, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - now) / 1000
  if (Number.isNaN(seconds)) return undefined
  return Math.round(Math.min(Math.max(seconds, 0), policy.maxRetryAfterSeconds) * policy.retryAfterUnitMs)
}

function networkError(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } }
  if (err.name === 'TimeoutError') return 'no answer in time'
  return err.cause?.code ?? err.cause?.message ?? err.message
}

export interface Problem {
  code: string
  detail: string
}

/** The `code` and `detail` of a problem+json answer, or what can be said of another one. */
export async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '')
  try {
    const body = JSON.parse(text) as Partial<Record<'code' | 'detail' | 'title', unknown>>
    return {
      code: typeof body.code === 'string' ? body.code : `http-${res.status}`,
      detail: String(body.detail ?? body.title ?? ''),
    }
  } catch {
    return { code: `http-${res.status}`, detail: text.slice(0, 200) }
  }
}

/**
 * Names a non-2xx answer for the user, with a hint for the usual causes.
 * @throws CliError always
 */
export async function failWith(res: Response, what: string): Promise<never> {
  const { code, detail } = await problemOf(res)
  const hint =
    res.status === 401
      ? ' (is PARLEY_ADMIN_KEY the admin key of this deployment?)'
      : res.status === 404 && code === 'site-not-found'
        ? ' (create the site first: POST /v1/admin/sites)'
        : ''
  throw new CliError(`${what}: ${res.status} ${code}${detail ? `: ${detail}` : ''}${hint}`)
}
