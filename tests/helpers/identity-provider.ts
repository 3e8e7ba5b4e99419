import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'

export interface TestIdentityProvider {
  issuer: string
  clientId: string
  close(): Promise<void>
}

/**
 * A real OpenID Provider (`oidc-provider`) on a free loopback port: discovery, JWKS, authorization
 * code + PKCE for one public client, and its development login pages (any user name signs in).
 */
export async function startIdentityProvider(redirectUris: string[]): Promise<TestIdentityProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const clientId = 'parley-test'
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'op-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['test-cookie-key'] },
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'picture'] },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        name: `Reader ${id}`,
        email: `${id}@example.com`,
        email_verified: true,
        picture: `https://pictures.example/${id}.png`,
      }),
    }),
  })
  server.on('request', provider.callback())
  return {
    issuer,
    clientId,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A tiny cookie jar for driving login pages with fetch(…, { redirect: 'manual' }). */
export function cookieJar() {
  const cookies = new Map<string, string>()
  return {
    store(res: Response) {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const eq = pair?.indexOf('=') ?? -1
        if (pair && eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1))
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  }
}

/**
 * Follows the authorization server's redirects and answers its development login and consent
 * pages as `user`, until it redirects to `callbackPrefix`; returns that callback URL.
 */
export async function authorizeAs(authorizeUrl: string, user: string, callbackPrefix: string): Promise<URL> {
  const jar = cookieJar()
  let url = authorizeUrl
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } })
    jar.store(res)
    const location = res.headers.get('location')
    if (location) {
      const next = new URL(location, url)
      if (next.href.startsWith(callbackPrefix)) return next
      url = next.href
      continue
    }
    const page = await res.text()
    const action = /action="([^"]+)"/.exec(page)?.[1]
    const prompt =
      /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? (page.includes('name="login"') ? 'login' : 'consent')
    if (!action)
      throw new Error(`unexpected authorization server page (${res.status}): ${page.slice(0, 300)}`)
    const submit = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt, login: user, password: 'any' }),
    })
    jar.store(submit)
    url = new URL(submit.headers.get('location') ?? '', url).href
  }
  throw new Error('the authorization server never redirected back')
}

/** The message and target origin a popup's callback page posts to window.opener. */
export function handoffOf(page: string) {
  const message = JSON.parse(/const message = (.*);/.exec(page)?.[1] ?? 'null')
  const target = JSON.parse(/postMessage\(message, (".*?")\)/.exec(page)?.[1] ?? 'null')
  return { message, target }
}

/** The problem code a popup's failure page names (it is HTML for the person in the popup). */
export const failureCodeOf = (page: string) => /data-problem-code="([a-z-]+)"/.exec(page)?.[1]
