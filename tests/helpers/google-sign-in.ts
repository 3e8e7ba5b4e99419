import type { KeyServer } from './key-server.js'
import { jsonRequest, type TestApp } from './test-app.js'

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
  const now = Math.floor(t.clock() / 1000)
  const idToken = await ks.sign({
    iss: 'https://accounts.google.com',
    aud: 'g-client',
    sub,
    iat: now,
    exp: now + 3600,
    name: `Reader ${sub}`,
    email: `${sub}@example.com`,
    email_verified: true,
    ...claims,
  })
  const res = await t.app.request(
    '/v1/sites/demo/auth/token',
    jsonRequest('POST', { provider: 'google', idToken }),
  )
  if (res.status !== 200) throw new Error(`sign-in as ${sub} answered ${res.status}`)
  return (await res.json()) as { token: string; user: { id: string; name: string } }
}
