import { type Context, Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import {
  CallbackQuerySchema,
  StartQuerySchema,
  TokenExchangeSchema,
} from '../../../shared/auth/auth-input.js'
import {
  providerName,
  providerOf,
  publicProviders,
  publicUser,
  signInWithIdToken,
} from '../../../shared/auth/sign-in.js'
import {
  redeemCode,
  resumeFlow,
  SIGN_IN_FLOW_SECONDS,
  startCodeFlow,
} from '../../../shared/auth/sign-in-flow.js'
import {
  InvalidTokenError,
  NotFoundError,
  OriginNotAllowedError,
  UnauthenticatedError,
} from '../../../shared/errors.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import { isSocialScriptType, type Page, sessionHandoffPage, socialSignInPage } from '../auth-pages.js'
import { validate } from '../middleware/validate.js'

const FLOW_COOKIE = 'parley_sign_in'

const render = (c: Context, page: Page) => {
  c.header('Content-Security-Policy', page.csp)
  c.header('Cache-Control', 'no-store')
  return c.html(page.body)
}

/** This request's own URL for a sibling path, as the provider must redirect to it. */
const callbackUrl = (c: Context) => new URL('callback', new URL(c.req.url)).href.replace(/\?.*$/, '')

/** Sign-in under `/v1/sites/:siteId/auth`: providers, token exchange, the session's user, the popup. */
export const authRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .get('/providers', (c) => c.json(publicProviders(c.get('site'))))
    .post('/token', validate('json', TokenExchangeSchema), async (c) =>
      c.json(await signInWithIdToken(deps.auth, c.get('site'), c.req.valid('json'))),
    )
    .get('/me', async (c) => {
      const session = c.get('session')
      if (!session) throw new UnauthenticatedError('a session is required')
      const user = await deps.auth.users.get(session.siteId, session.userId)
      if (!user) throw new InvalidTokenError('this session belongs to no user any more')
      return c.json({ user: publicUser(user) })
    })
    .get('/:providerId/start', validate('query', StartQuerySchema), async (c) => {
      const site = c.get('site')
      const provider = providerOf(site, c.req.param('providerId'), '#/providerId')
      const { origin } = c.req.valid('query')
      if (!site.origins.includes(origin)) throw new OriginNotAllowedError(origin)
      if (provider.type === 'oidc') {
        const flow = await startCodeFlow(deps.keys.signInFlow, provider, {
          siteId: site.id,
          origin,
          redirectUri: callbackUrl(c),
          now: deps.clock(),
        })
        setCookie(c, FLOW_COOKIE, flow.sealed, {
          path: new URL(callbackUrl(c)).pathname,
          httpOnly: true,
          secure: new URL(c.req.url).protocol === 'https:',
          sameSite: 'Lax',
          maxAge: SIGN_IN_FLOW_SECONDS,
        })
        return c.redirect(flow.url, 302)
      }
      if (!isSocialScriptType(provider.type))
        throw new NotFoundError(`${provider.type} sign-in runs in its own SDK`)
      const page = await socialSignInPage({
        type: provider.type,
        providerId: provider.id,
        providerName: providerName(provider),
        clientId: provider.clientId,
        tokenUrl: new URL('../token', new URL(c.req.url)).href.replace(/\?.*$/, ''),
        redirectUri: new URL(c.req.url).href.replace(/\?.*$/, ''),
        targetOrigin: origin,
      })
      return render(c, page)
    })
    .get('/:providerId/callback', validate('query', CallbackQuerySchema), async (c) => {
      const site = c.get('site')
      const provider = providerOf(site, c.req.param('providerId'), '#/providerId')
      const query = c.req.valid('query')
      const flow = resumeFlow(deps.keys.signInFlow, getCookie(c, FLOW_COOKIE), {
        siteId: site.id,
        providerId: provider.id,
        state: query.state,
        now: deps.clock(),
      })
      if (provider.type !== 'oidc' || (query.iss !== undefined && query.iss !== provider.issuer)) {
        throw new InvalidTokenError('the callback does not come from this provider')
      }
      const idToken = await redeemCode(provider, {
        code: query.code,
        verifier: flow.verifier,
        redirectUri: callbackUrl(c),
      })
      const session = await signInWithIdToken(deps.auth, site, {
        provider: provider.id,
        idToken,
        nonce: flow.nonce,
      })
      setCookie(c, FLOW_COOKIE, '', { path: new URL(callbackUrl(c)).pathname, maxAge: 0 })
      // The opener's origin was checked against the site's origins when the flow started.
      return render(
        c,
        await sessionHandoffPage(flow.origin, {
          type: 'parley:session',
          token: session.token,
          user: session.user,
        }),
      )
    })
