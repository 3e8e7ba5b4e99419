import type { Problem } from '../../../shared/contracts/index.js'
import { ApiError } from '../../browser/errors.js'
import { state } from './state.js'

let signInLost: (message: string) => void = () => {}
/** What to do when the API no longer accepts the signed-in credential (session.ts signs out). */
export const onSignInLost = (handler: (message: string) => void) => {
  signInLost = handler
}

/**
 * One request with the signed-in credential (or the token given); a problem answer becomes an
 * {@link ApiError}, and a 401 to the signed-in credential signs out.
 */
export async function send(method: string, path: string, body?: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token || (state.cred?.token ?? null)}` }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(path, {
    method,
    headers,
    cache: 'no-store',
    credentials: 'omit',
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  if (res.ok) return res
  const problem = ((await res.json().catch(() => null)) ?? {}) as Partial<Problem>
  const message = problem.detail || problem.title || `Request failed (${res.status})`
  if (res.status === 401 && !token && state.cred)
    signInLost('Your sign-in is no longer valid: sign in again.')
  throw new ApiError(message, res.status, problem)
}

/** {@link send}, answering the JSON body (null for 204 or a body that is not JSON). */
export async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await send(method, path, body, token)
  return (res.status === 204 ? null : await res.json().catch(() => null)) as T
}

/** A path under the chosen site of the admin API. */
export function sitePath(rest: string): string {
  if (!state.site) throw new Error('No site chosen.')
  return `/v1/admin/sites/${encodeURIComponent(state.site.id)}${rest}`
}
