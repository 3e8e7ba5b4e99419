import * as z from 'zod/mini'
import { invalidField, UnavailableError } from '../../errors.js'
import type { AppScope, MastodonApp, MastodonApps } from './mastodon-apps.js'
import { MASTODON } from './mastodon-endpoints.js'
import type { MastodonServer } from './mastodon-network.js'
import { createServerFetch, ServerFetchError } from './server-fetch.js'
import { SERVER_POINTER } from './server-name.js'

// What `POST /api/v1/apps` answers (docs.joinmastodon.org/methods/apps): only the credentials count.
const RegisteredAppSchema = z.object({
  client_id: z.string().check(z.minLength(1), z.maxLength(512)),
  client_secret: z.string().check(z.minLength(1), z.maxLength(512)),
})

/** What the server's consent page shows of Parley: the site's name, and its address. */
export interface AppPresentation {
  name: string
  website: string
}

async function register(server: MastodonServer, redirectUri: string, shown: AppPresentation) {
  let res: Response
  try {
    res = await createServerFetch(server)(new URL(MASTODON.apps, server.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_name: shown.name.slice(0, 60),
        redirect_uris: redirectUri,
        scopes: MASTODON.scope,
        website: shown.website,
      }),
    })
  } catch (err) {
    if (err instanceof ServerFetchError && (err.reason === 'timeout' || err.reason === 'network'))
      throw new UnavailableError({ cause: err })
    throw invalidField(SERVER_POINTER, 'does not answer as a Mastodon server')
  }
  const parsed = RegisteredAppSchema.safeParse(res.ok ? await res.json().catch(() => undefined) : undefined)
  if (!parsed.success) throw invalidField(SERVER_POINTER, 'does not answer as a Mastodon server')
  return { clientId: parsed.data.client_id, clientSecret: parsed.data.client_secret }
}

/**
 * Parley's app on the reader's server for this callback URL: the one kept in the table, or, on the
 * first sign-in through that server, a new one registered with `POST /api/v1/apps` and kept (when
 * sign-ins race to register, every one of them uses the registration that was kept first).
 * @throws ValidationError (`#/server`) when the server does not answer as Mastodon does
 * @throws UnavailableError when the server or the store cannot be reached
 */
export async function registerOrReuseApp(
  apps: MastodonApps,
  server: MastodonServer,
  scope: AppScope,
  options: { shown: AppPresentation; now: number },
): Promise<MastodonApp> {
  const kept = await apps.get(scope)
  if (kept) return kept
  return apps.add(scope, await register(server, scope.redirectUri, options.shown), options.now)
}
