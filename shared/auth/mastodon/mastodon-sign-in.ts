import { InvalidTokenError } from '../../errors.js'
import type { Provider, SiteConfig } from '../../sites/site-schema.js'
import type { Identity } from '../identity.js'
import { finishCodeFlow, startCodeFlow } from '../oauth/code-flow.js'
import type { SignInFlow } from '../sign-in-flow.js'
import type { MastodonApps } from './mastodon-apps.js'
import { MASTODON } from './mastodon-endpoints.js'
import { type MastodonNetwork, type MastodonServer, resolveServer } from './mastodon-network.js'
import { fetchMastodonIdentity } from './mastodon-profile.js'
import { registerOrReuseApp } from './register-app.js'
import { createServerFetch } from './server-fetch.js'
import { admitServer, parseServerName } from './server-name.js'

/** What signing in with Mastodon needs beyond the popup's: how servers are reached, and the registry. */
export interface MastodonDeps {
  network: MastodonNetwork
  apps: MastodonApps
}

type MastodonProvider = Extract<Provider, { type: 'mastodon' }>

/** Where the code flow runs on a server: the same paths on every Mastodon server. */
const endpointsOf = (server: MastodonServer) => ({
  issuer: server.origin,
  authorizationEndpoint: new URL(MASTODON.authorize, server.origin).href,
  tokenEndpoint: new URL(MASTODON.token, server.origin).href,
})

/** The server a name leads to, if the site admits it: the allow-list first, so a refused name costs no lookup. */
async function admittedServer(network: MastodonNetwork, provider: MastodonProvider, typed: string) {
  const host = parseServerName(typed)
  admitServer(host, provider.servers)
  return resolveServer(host, network)
}

/**
 * The popup's server step: the server the reader named, checked (a DNS name the site admits, on
 * public addresses), Parley's app there registered or reused, and the code flow started at its
 * `/oauth/authorize` with `state` and PKCE S256, the server kept in the sealed flow.
 * @throws ValidationError (`#/server`) for a server that is not a name, not admitted, not public, not Mastodon
 * @throws UnavailableError when the server or the store cannot be reached
 */
export async function startMastodonSignIn(
  deps: MastodonDeps & { flowKey: Buffer; now: number },
  site: SiteConfig,
  provider: MastodonProvider,
  input: { server: string; origin: string; redirectUri: string },
) {
  const server = await admittedServer(deps.network, provider, input.server)
  const scope = { siteId: site.id, server: server.host, redirectUri: input.redirectUri }
  const shown = { name: site.name, website: site.origins[0] ?? server.origin }
  const app = await registerOrReuseApp(deps.apps, server, scope, { shown, now: deps.now })
  return startCodeFlow(deps.flowKey, {
    server: endpointsOf(server),
    clientId: app.clientId,
    scope: MASTODON.scope,
    pkce: true,
    redirectUri: input.redirectUri,
    siteId: site.id,
    providerId: provider.id,
    origin: input.origin,
    now: deps.now,
    flowServer: server.host,
  })
}

/**
 * The callback: the code redeemed at the server the flow started at (checked again: its name may
 * resolve elsewhere now), with the app kept for it, then the account read from `verify_credentials`.
 * The identity's issuer is the server's origin, its subject the account id.
 * @throws InvalidTokenError for a flow without a server, a code or token answer the server refuses or
 *   shapes wrongly, or a profile without an id
 * @throws UnavailableError when the server or the store cannot be reached
 */
export async function finishMastodonSignIn(
  deps: MastodonDeps,
  site: SiteConfig,
  provider: MastodonProvider,
  input: { flow: SignInFlow; callback: URLSearchParams; redirectUri: string },
): Promise<Identity> {
  const { flow } = input
  if (flow.server === undefined) throw new InvalidTokenError('this sign-in did not start at a server')
  const server = await admittedServer(deps.network, provider, flow.server)
  const app = await deps.apps.get({ siteId: site.id, server: server.host, redirectUri: input.redirectUri })
  if (!app) throw new InvalidTokenError('this sign-in did not start here: please try again')
  const tokens = await finishCodeFlow({
    server: endpointsOf(server),
    client: { ...app, auth: 'client_secret_post' },
    callback: input.callback,
    flow,
    redirectUri: input.redirectUri,
    pkce: true,
    fetch: createServerFetch(server),
    insecure: server.url.protocol === 'http:',
  })
  return fetchMastodonIdentity(server, tokens.access_token)
}
