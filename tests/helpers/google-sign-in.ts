import type { KeyServer } from './key-server.js'
import { jsonRequest, type TestApp } from './test-app.js'

/** The client ID the test sites list for their `google` provider. */
export const GOOGLE_CLIENT_ID = 'g-client'

/**
 * A Google-shaped ID token for reader `sub` (audience {@link GOOGLE_CLIENT_ID}), signed by the loopback key
 * server, issued at `nowMs` and valid an hour; `claims` override or add to the usual ones.
 */
export function googleIdToken(
  ks: KeyServer,
  sub: string,
  nowMs: number,
  claims: Record<string, unknown> = {},
) {
  const now = Math.floor(nowMs / 1000)
  return ks.sign({
    iss: 'https://accounts.google.com',
    aud: GOOGLE_CLIENT_ID,
    sub,
    iat: now,
    exp: now + 3600,
    name: `Reader ${sub}`,
    email: `${sub}@example.com`,
    email_verified: true,
    ...claims,
  })
}

/**
 * Signs a reader in on site `demo` through `auth/token` with a Google-shaped ID token from the
 * loopback key server (the site must list `{ id: 'google', type: 'google', clientId: 'g-client' }`).
 * @returns the `auth/token` response: `{ token, expiresAt, user }`
 */
export async function signInWithGoogle(
  t: TestApp,
  ks: KeyServer,
  sub: string,
  claims: Record<string, unknown> = {},
) {
  const idToken = await googleIdToken(ks, sub, t.clock(), claims)
  const res = await t.app.request(
    '/v1/sites/demo/auth/token',
    jsonRequest('POST', { provider: 'google', idToken }),
  )
  if (res.status !== 200) throw new Error(`sign-in as ${sub} answered ${res.status}`)
  return (await res.json()) as { token: string; user: { id: string; name: string } }
}
