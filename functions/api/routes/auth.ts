import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { readClientSecret } from '../../../shared/auth/oauth/client-secrets.js'
import { finishPopupSignIn, type PopupDeps, startPopupSignIn } from '../../../shared/auth/popup-sign-in.js'
import {
  providerName,
  providerOf,
  publicProviders,
  publicUser,
  signInWithIdToken,
} from '../../../shared/auth/sign-in.js'
import { SIGN_IN_FLOW_SECONDS } from '../../../shared/auth/sign-in-flow.js'
import { issueFormToken } from '../../../shared/comments/comment-tokens.js'
import type { SessionUser } from '../../../shared/contracts/index.js'
import { AppError, InvalidTokenError } from '../../../shared/errors.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import {
  fragmentReaderPage,
  type Page,
  sessionHandoffPage,
  signInFailedPage,
  socialSignInPage,
} from '../auth-pages.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'
import { mastodonServerPage } from '../mastodon-server-page.js'
import { startEmailSignIn } from './email-sign-in.js'
import { signedIn } from './signed-in.js'

export const FLOW_COOKIE = 'parley_sign_in'

export const render = (c: Context, page: Page) => {
  c.header('Content-Security-Policy', page.csp)
  c.header('Cache-Control', 'no-store')
  if (page.referrerPolicy) c.header('Referrer-Policy', page.referrerPolicy)
  return c.html(page.body)
}

/** A popup page answered in place of a failure (from a middleware, after the problem was made). */
export const pageResponse = ({ body, csp, referrerPolicy }: Page, status: number) =>
  new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-store',
      ...(referrerPolicy && { 'Referrer-Policy': referrerPolicy }),
    },
  })

/** In the popup a failure is a page a person can read; the status stays the problem's. */
export const failuresAsPages: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  if (!(c.error instanceof AppError)) return
  c.res = pageResponse(await signInFailedPage(c.error.message, c.error.code), c.res.status)
}

/** A URL next to this request's, without its query. */
const siblingUrl = (c: Context, path: string) => new URL(path, new URL(c.req.url)).href.replace(/\?.*$/, '')
/** Where the provider must send the reader back to. */
export const callbackUrl = (c: Context) => siblingUrl(c, 'callback')

const handoff = (session: { token: string; user: SessionUser }) => ({
  type: 'parley:session' as const,
  token: session.token,
  user: session.user,
})

/** The flow cookie: HttpOnly, only sent back to this provider's callback, gone after 10 minutes. */
export const flowCookie = (c: Context) => ({
  path: new URL(callbackUrl(c)).pathname,
  httpOnly: true,
  secure: new URL(c.req.url).protocol === 'https:',
  sameSite: 'Lax' as const,
  maxAge: SIGN_IN_FLOW_SECONDS,
})

/** What the popup's sign-ins need of the app's deps. */
export const popupDeps = (deps: AppDeps): PopupDeps => ({
  ...deps.auth,
  flowKey: deps.keys.signInFlow,
  // Opened only here, for the token exchange that needs it: never answered, never logged.
  clientSecret: (siteId, providerId) => readClientSecret(deps.store, deps.keys, siteId, providerId),
  mastodon: deps.mastodon,
})

/** Sign-in under `/v1/sites/:siteId/auth`: providers, token exchange, the session's user, the popup. */
export const authHandlers = (deps: AppDeps) => {
  const popup = popupDeps(deps)
  return {
    // With a formToken: a widget that adopted server-rendered comments asks nothing else first.
    authProviders: (c) =>
      c.json({
        ...publicProviders(c.get('site')),
        formToken: issueFormToken(deps.keys, c.get('site').id, deps.clock()),
      }),
    authToken: async (c) => c.json(await signInWithIdToken(deps.auth, c.get('site'), c.req.valid('json'))),
    authMe: async (c) => {
      const session = signedIn(c)
      const user = await deps.auth.users.get(session.siteId, session.userId)
      if (!user) throw new InvalidTokenError('this session belongs to no user any more')
      return c.json({ user: publicUser(user) })
    },
    authStart: async (c) => {
      const { origin } = c.req.valid('query')
      const redirectUri = callbackUrl(c)
      const start = await startPopupSignIn(popup, c.get('site'), c.req.param('providerId'), {
        origin,
        redirectUri,
      })
      if (start.kind === 'redirect') {
        setCookie(c, FLOW_COOKIE, start.sealedFlow, flowCookie(c))
        return c.redirect(start.url, 302)
      }
      if (start.kind === 'email') return startEmailSignIn(deps, c, start.provider, origin)
      if (start.kind === 'server-step')
        return render(
          c,
          await mastodonServerPage({
            providerName: providerName(start.provider),
            origin,
            servers: start.provider.servers,
            loopbackServers: deps.mastodon.network.loopbackServers,
          }),
        )
      return render(
        c,
        await socialSignInPage({
          type: start.type,
          providerId: start.provider.id,
          providerName: providerName(start.provider),
          clientId: start.provider.clientId,
          tokenUrl: siblingUrl(c, '../token'),
          redirectUri: siblingUrl(c, 'start'),
          targetOrigin: origin,
        }),
      )
    },
    authCallback: [
      failuresAsPages,
      async (c) => {
        const { code, state, iss } = c.req.valid('query')
        if (code === undefined || state === undefined) {
          // Facebook answers in the fragment, which only the page itself can read and post back.
          if (providerOf(c.get('site'), c.req.param('providerId'), '#/providerId').type === 'facebook')
            return render(c, await fragmentReaderPage())
          // Any other provider without a code refused, or the reader cancelled.
          throw new InvalidTokenError('the provider did not sign you in: please try again')
        }
        const { origin, session } = await finishPopupSignIn(
          popup,
          c.get('site'),
          c.req.param('providerId'),
          { code, state, iss },
          {
            sealedFlow: getCookie(c, FLOW_COOKIE),
            redirectUri: callbackUrl(c),
          },
        )
        deleteCookie(c, FLOW_COOKIE, flowCookie(c))
        return render(c, await sessionHandoffPage(origin, handoff(session)))
      },
    ],
    authCallbackPost: async (c) => {
      const { origin, session } = await finishPopupSignIn(
        popup,
        c.get('site'),
        c.req.param('providerId'),
        c.req.valid('json'),
        { sealedFlow: getCookie(c, FLOW_COOKIE), redirectUri: callbackUrl(c) },
      )
      deleteCookie(c, FLOW_COOKIE, flowCookie(c))
      return c.json({ origin, message: handoff(session) })
    },
  } satisfies Partial<OnDemandHandlers>
}
