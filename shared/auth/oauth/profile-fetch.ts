import { InvalidTokenError, UnavailableError } from '../../errors.js'

/** A reader waits in the popup: a profile API that takes longer is treated as down. */
export const PROFILE_TIMEOUT_MS = 5_000
/** Real profiles are a few kilobytes; anything past this is refused before it is parsed. */
export const MAX_PROFILE_BYTES = 64 * 1024

/** GETs a profile API's JSON with a bearer token (see {@link fetchProfile}). */
export type ProfileFetch = (
  url: string,
  accessToken: string,
  headers?: Record<string, string>,
) => Promise<unknown>

const refused = () => new InvalidTokenError('the provider did not answer with a profile')

/** The body, read as it arrives, refused as soon as it passes `max` bytes. */
async function readCapped(res: Response, max: number): Promise<string> {
  if (Number(res.headers.get('content-length') ?? 0) > max) throw refused()
  const reader = res.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => undefined)
      throw refused()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * GETs a provider's profile API with the access token: within {@link PROFILE_TIMEOUT_MS}, never
 * following a redirect (a profile that moves is not the provider's answer), at most
 * {@link MAX_PROFILE_BYTES}, JSON only. What the JSON must hold is the caller's schema to say.
 * @throws InvalidTokenError for a redirect, an error status, an oversized or non-JSON body
 * @throws UnavailableError when the API cannot be reached in time
 */
export const fetchProfile: ProfileFetch = async (url, accessToken, headers = {}) => {
  try {
    const res = await fetch(url, {
      headers: { Accept: 'application/json', ...headers, Authorization: `Bearer ${accessToken}` },
      redirect: 'manual',
      signal: AbortSignal.timeout(PROFILE_TIMEOUT_MS),
    })
    if (res.status >= 500) throw new UnavailableError()
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined)
      throw refused()
    }
    const text = await readCapped(res, MAX_PROFILE_BYTES)
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw refused()
    }
  } catch (err) {
    if (err instanceof InvalidTokenError || err instanceof UnavailableError) throw err
    // A timeout, a refused connection, a reset in the middle of the body.
    throw new UnavailableError({ cause: err })
  }
}
