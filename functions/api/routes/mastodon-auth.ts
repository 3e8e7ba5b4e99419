import type { MiddlewareHandler } from 'hono'
import { setCookie } from 'hono/cookie'
import { SERVER_POINTER } from '../../../shared/auth/mastodon/server-name.js'
import { startMastodonPopup } from '../../../shared/auth/popup-sign-in.js'
import { providerName } from '../../../shared/auth/sign-in.js'
import { ValidationError } from '../../../shared/errors.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'
import { mastodonServerPage } from '../mastodon-server-page.js'
import { callbackUrl, FLOW_COOKIE, failuresAsPages, flowCookie, pageResponse, popupDeps } from './auth.js'

/**
 * A server the reader must correct (not a name, not admitted, not public, not Mastodon): the form
 * again, with why next to the field, and the problem's status. Any other failure is the popup's
 * failure page.
 */
const serverRefusedAsForm =
  (deps: AppDeps): MiddlewareHandler<AppEnv> =>
  (c, next) =>
    failuresAsPages(c, async () => {
      await next()
      const { error } = c
      const problem =
        error instanceof ValidationError ? error.errors.find((e) => e.pointer === SERVER_POINTER) : undefined
      const provider = c.get('site')?.providers.find((p) => p.id === c.req.param('providerId'))
      if (!problem || provider?.type !== 'mastodon') return
      const { server, origin } = await c.req.parseBody()
      const typed = typeof server === 'string' ? server.trim().slice(0, 300) : ''
      const page = await mastodonServerPage({
        providerName: providerName(provider),
        origin: typeof origin === 'string' ? origin : '',
        servers: provider.servers,
        loopbackServers: deps.mastodon.network.loopbackServers,
        value: typed,
        error: `${typed || 'The server'} ${problem.detail}.`,
        problem: error instanceof ValidationError ? error.code : undefined,
      })
      // Answered: the failure page after this one has nothing left to do.
      c.error = undefined
      c.res = pageResponse(page, 400)
    })

/** The Mastodon popup's server step: its form's answer is the redirect to the reader's server. */
export const mastodonAuthHandlers = (deps: AppDeps) => {
  const popup = popupDeps(deps)
  return {
    authStartServer: [
      serverRefusedAsForm(deps),
      async (c) => {
        const { origin, server } = c.req.valid('form')
        const start = await startMastodonPopup(popup, c.get('site'), c.req.param('providerId'), {
          origin,
          server,
          redirectUri: callbackUrl(c),
        })
        setCookie(c, FLOW_COOKIE, start.sealedFlow, flowCookie(c))
        return c.redirect(start.url, 302)
      },
    ],
  } satisfies Partial<OnDemandHandlers>
}
