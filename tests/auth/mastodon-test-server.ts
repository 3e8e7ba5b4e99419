// A loopback "Mastodon": oidc-provider as its OAuth 2.0 authorization server at /oauth/authorize and
// /oauth/token, apps registered by POST /api/v1/apps (through the provider's own client
// registration), and /api/v1/accounts/verify_credentials answering for the provider's access tokens.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'

/** How the server answers the profile: as Mastodon does, or one of the ways a hostile server might. */
export type ProfileMode = 'ok' | 'redirect' | 'oversized' | 'slow' | 'no-id'
export type AppsMode = 'ok' | 'redirect' | 'not-mastodon'
/** How the token endpoint answers: oidc-provider's own answer, or one of the wrong shape. */
export type TokenMode = 'ok' | 'wrong-shape' | 'not-json' | 'redirect'

export interface TestMastodon {
  /** The name readers type, e.g. `mastodon.test`; it resolves to 127.0.0.1 through the test network. */
  host: string
  /** `http://<host>:<port>`: the identities' issuer. */
  origin: string
  port: number
  profile: ProfileMode
  apps: AppsMode
  token: TokenMode
  /** Delay before `POST /api/v1/apps` answers, to widen a race between first sign-ins. */
  appsDelayMs: number
  /** Every registration the server made: its client_id and redirect URI. */
  registrations: { clientId: string; redirectUri: string }[]
  /** How many times verify_credentials was asked. */
  profileRequests: number
  close(): Promise<void>
}

interface TokenStore {
  AccessToken: { find(token: string): Promise<{ accountId: string; scope?: string } | undefined> }
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString()
}

/** Mastodon's ids are numeric strings: one derived from the user name, stable across tests. */
const accountId = (login: string) => BigInt(`0x${Buffer.from(login).toString('hex')}`).toString()

export async function startTestMastodon(host = 'mastodon.test'): Promise<TestMastodon> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const origin = `http://${host}:${port}`
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const provider = new Provider(origin, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'masto-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['test-mastodon-cookie-key'] },
    routes: { authorization: '/oauth/authorize', token: '/oauth/token', registration: '/oauth/reg' },
    scopes: ['read:accounts'],
    features: { registration: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id }) }),
  })
  const oauth = provider.callback()
  const tokens = provider as unknown as TokenStore
  const state: TestMastodon = {
    host,
    origin,
    port,
    profile: 'ok',
    apps: 'ok',
    token: 'ok',
    appsDelayMs: 0,
    registrations: [],
    profileRequests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(body))
  }

  async function registerApp(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req)
    const input = (req.headers['content-type'] ?? '').includes('json')
      ? JSON.parse(body)
      : Object.fromEntries(new URLSearchParams(body))
    await new Promise((resolve) => setTimeout(resolve, state.appsDelayMs))
    if (state.apps === 'redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' })
      return res.end()
    }
    if (state.apps === 'not-mastodon') return json(res, 200, { hello: 'this is no Mastodon' })
    const redirectUris = String(input.redirect_uris).split(/\s+/)
    const registered = await fetch(`http://127.0.0.1:${port}/oauth/reg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: input.client_name,
        redirect_uris: redirectUris,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      }),
    })
    const client = (await registered.json()) as { client_id: string; client_secret: string }
    if (!registered.ok) return json(res, 422, { error: JSON.stringify(client) })
    for (const redirectUri of redirectUris)
      state.registrations.push({ clientId: client.client_id, redirectUri })
    json(res, 200, {
      id: String(state.registrations.length),
      name: input.client_name,
      website: input.website ?? null,
      scopes: String(input.scopes ?? 'read').split(' '),
      redirect_uris: redirectUris,
      redirect_uri: redirectUris.join('\n'),
      client_id: client.client_id,
      client_secret: client.client_secret,
      vapid_key: 'BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=',
    })
  }

  async function verifyCredentials(req: IncomingMessage, res: ServerResponse) {
    state.profileRequests++
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const token = bearer ? await tokens.AccessToken.find(bearer) : undefined
    if (!token?.scope?.split(' ').includes('read:accounts'))
      return json(res, 401, { error: 'The access token is invalid' })
    const login = token.accountId
    const account = {
      id: accountId(login),
      username: login,
      acct: login,
      display_name: `${login[0]?.toUpperCase()}${login.slice(1)} on Mastodon`,
      avatar: `https://files.${host}/accounts/avatars/${login}.png`,
      url: `${origin}/@${login}`,
    }
    if (state.profile === 'redirect') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/api/v1/accounts/verify_credentials` })
      return res.end()
    }
    if (state.profile === 'no-id') return json(res, 200, { ...account, id: undefined })
    if (state.profile === 'oversized') return json(res, 200, { ...account, note: 'x'.repeat(200_000) })
    if (state.profile === 'slow') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"id":')
      return // never finishes: the client's timeout must end it
    }
    json(res, 200, account)
  }

  server.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname
    if (req.method === 'POST' && path === '/api/v1/apps') return void registerApp(req, res)
    if (req.method === 'GET' && path === '/api/v1/accounts/verify_credentials')
      return void verifyCredentials(req, res)
    if (req.method === 'POST' && path === '/oauth/token' && state.token === 'redirect') {
      res.writeHead(307, { location: 'http://169.254.169.254/oauth/token' })
      return void res.end()
    }
    if (req.method === 'POST' && path === '/oauth/token' && state.token !== 'ok') {
      res.writeHead(200, { 'content-type': 'application/json' })
      return void res.end(
        state.token === 'wrong-shape' ? '{"access_token":42,"token_type":"Bearer"}' : 'ok then',
      )
    }
    oauth(req, res)
  })
  return state
}
