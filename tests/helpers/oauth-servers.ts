import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'
import type { ProviderEndpoints } from '../../shared/auth/provider-endpoints.js'

/** The clients registered at the test authorization server, one per way a provider authenticates. */
export const OAUTH_CLIENTS = {
  github: { clientId: 'gh-client', clientSecret: 'gh-secret-0123456789abcdef' },
  /** A public X client: PKCE only. */
  x: { clientId: 'x-public' },
  /** A confidential X client: PKCE and HTTP Basic. */
  xConfidential: { clientId: 'x-confidential', clientSecret: 'x-secret-0123456789abcdef' },
  wordpress: { clientId: 'wp-client', clientSecret: 'wp-secret-0123456789abcdef' },
  /** Another site's GitHub app: its codes must not redeem for ours. */
  other: { clientId: 'other-client', clientSecret: 'other-secret-0123456789abcdef' },
}

/** How the profile server misbehaves for the next requests (an attack case's setup). */
export type ProfileMode = 'normal' | 'redirect' | 'oversized' | 'slow' | 'no-id' | 'error'

/** A profile a test gives an account: what each provider's API answers for it. */
export interface Account {
  name?: string | null
  username?: string
  picture?: string
  email?: string
  emailVerified?: boolean
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Numeric ids, as GitHub and WordPress.com give them: stable per account name. */
const numericId = (account: string) =>
  [...account].reduce((n, ch) => (n * 31 + ch.charCodeAt(0)) % 1_000_000_007, 7) + 1

/**
 * The OAuth side of GitHub, X and WordPress.com on loopback: `oidc-provider` as the authorization
 * server (plain OAuth 2.0 code flow, each client with its provider's authentication method), and
 * one profile server answering the documented JSON of `GET /user` + `/user/emails` (GitHub),
 * `GET /2/users/me` (X) and `GET /rest/v1/me` (WordPress.com) for the account an access token
 * belongs to, looked up in the provider's own token store.
 */
export async function startOAuthServers(redirectUris: string[]) {
  const asServer = createServer()
  const issuer = await listen(asServer)
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const { github, x, xConfidential, wordpress, other } = OAUTH_CLIENTS
  const client = (id: string, auth: string, secret?: string) => ({
    client_id: id,
    ...(secret && { client_secret: secret }),
    token_endpoint_auth_method: auth,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  })
  const provider = new Provider(issuer, {
    clients: [
      client(github.clientId, 'client_secret_post', github.clientSecret),
      client(x.clientId, 'none'),
      client(xConfidential.clientId, 'client_secret_basic', xConfidential.clientSecret),
      client(wordpress.clientId, 'client_secret_post', wordpress.clientSecret),
      client(other.clientId, 'client_secret_post', other.clientSecret),
    ],
    scopes: ['openid', 'read:user', 'user:email', 'users.read', 'tweet.read', 'auth'],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'as-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['test-cookie-key'] },
    // WordPress.com takes no PKCE; every other client must use it.
    pkce: { required: (_ctx: unknown, c: { clientId: string }) => c.clientId !== wordpress.clientId },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id }) }),
  })
  asServer.on('request', provider.callback())

  const accounts = new Map<string, Account>()
  const hits: string[] = []
  const tokens = new Set<string>()
  let mode: ProfileMode = 'normal'
  const profileServer = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://profile')
    hits.push(url.pathname + url.search)
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (token) tokens.add(token)
    const found = token ? await provider.AccessToken.find(token) : undefined
    const send = (status: number, body: unknown) => {
      res.statusCode = status
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify(body))
    }
    if (!found) return send(401, { message: 'Bad credentials' })
    if (mode === 'redirect') {
      res.statusCode = 302
      res.setHeader('Location', `${profileBase}${url.pathname}?moved=1`)
      return res.end()
    }
    if (mode === 'slow') return void setTimeout(() => send(200, {}), 8_000).unref()
    if (mode === 'error') return send(500, { message: 'down' })
    if (mode === 'oversized') {
      res.setHeader('Content-Type', 'application/json')
      // No content-length: the cap must hold while the body streams in.
      res.write(`{"id":1,"login":"big","bio":"`)
      for (let i = 0; i < 40; i++) res.write('x'.repeat(4096))
      return res.end('"}')
    }
    const id = found.accountId
    const a = accounts.get(id) ?? {}
    const withId = <T extends object>(key: string, value: unknown, body: T) =>
      mode === 'no-id' ? body : { [key]: value, ...body }
    switch (url.pathname) {
      case '/user':
        return send(
          200,
          withId('id', numericId(id), {
            login: a.username ?? id,
            name: a.name === undefined ? `GitHub ${id}` : a.name,
            avatar_url: a.picture ?? `https://avatars.githubusercontent.com/u/${numericId(id)}`,
            email: null,
          }),
        )
      case '/user/emails':
        return send(
          200,
          a.email
            ? [
                { email: `other-${a.email}`, primary: false, verified: true, visibility: null },
                { email: a.email, primary: true, verified: a.emailVerified ?? true, visibility: 'private' },
              ]
            : [],
        )
      case '/2/users/me':
        return send(200, {
          data: withId('id', String(numericId(id)), {
            name: a.name ?? `X ${id}`,
            username: a.username ?? id,
            ...(url.searchParams.get('user.fields') === 'profile_image_url' && {
              profile_image_url: a.picture ?? `https://pbs.twimg.com/profile_images/${id}_normal.jpg`,
            }),
          }),
        })
      case '/rest/v1/me':
        return send(
          200,
          withId('ID', numericId(id), {
            display_name: a.name ?? `WordPress ${id}`,
            username: a.username ?? id,
            avatar_URL: a.picture ?? `https://0.gravatar.com/avatar/${id}`,
            email: a.email ?? `${id}@wp.example`,
            email_verified: a.emailVerified ?? true,
          }),
        )
      default:
        return send(404, { message: 'Not Found' })
    }
  })
  const profileBase = await listen(profileServer)

  const at = (api: string) => ({
    issuer,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    api,
  })
  const endpoints: Required<Pick<ProviderEndpoints, 'github' | 'x' | 'wordpress'>> = {
    github: at(profileBase),
    x: at(profileBase),
    wordpress: at(profileBase),
  }

  return {
    issuer,
    profileBase,
    endpoints,
    /** The numeric id the profile APIs give an account (GitHub's `id`, X's `data.id`, WordPress.com's `ID`). */
    subjectOf: (account: string) => String(numericId(account)),
    setAccount: (account: string, profile: Account) => accounts.set(account, profile),
    setMode: (next: ProfileMode) => {
      mode = next
    },
    hits,
    /** Every access token the profile APIs were shown. */
    tokens,
    close: async () => {
      for (const s of [asServer, profileServer]) {
        s.closeAllConnections()
        await new Promise<void>((resolve) => s.close(() => resolve()))
      }
    },
  }
}

export type OAuthServers = Awaited<ReturnType<typeof startOAuthServers>>
