import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import {
  requireSignInMail,
  sendSignInCode,
  verifySignInCode,
} from '../../../shared/auth/email-code/email-sign-in.js'
import {
  type EmailFlow,
  EmailFlowLostError,
  openEmailFlow,
  sealEmailFlow,
} from '../../../shared/auth/email-code/email-sign-in-flow.js'
import { CODE_SECONDS } from '../../../shared/auth/email-code/sign-in-codes.js'
import { providerName, providerOf, signInWithIdentity } from '../../../shared/auth/sign-in.js'
import { hmacIp } from '../../../shared/crypto/ip-hash.js'
import { AppError, invalidField, ValidationError } from '../../../shared/errors.js'
import type { Provider, SiteConfig } from '../../../shared/sites/site-schema.js'
import type { AppDeps, AppEnv } from '../app-env.js'
import { type Page, sessionHandoffPage, signInFailedPage } from '../auth-pages.js'
import { emailAddressPage, emailCodePage, type StepError } from '../email-code-pages.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

const FLOW_COOKIE = 'parley_email_sign_in'

/**
 * The headers of the popup's form pages. `Referrer-Policy: same-origin`, not the API's `no-referrer`:
 * under `no-referrer` a browser sends `Origin: null` with a form's POST, which the site's origin
 * check refuses; `same-origin` sends the API's own origin to the API only, and no referrer elsewhere.
 */
const pageHeaders = (page: Page) => ({
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': page.csp,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'same-origin',
})

const render = (c: Context, page: Page) => {
  for (const [name, value] of Object.entries(pageHeaders(page))) c.header(name, value)
  return c.body(page.body, 200)
}

/** HttpOnly, sent back only to this provider's steps (`…/auth/{providerId}/`), gone with the code. */
const flowCookie = (c: Context) => ({
  path: new URL('./', c.req.url).pathname,
  httpOnly: true,
  secure: new URL(c.req.url).protocol === 'https:',
  // A form posted from another site carries no cookie: nobody mails codes through a reader's popup.
  sameSite: 'Lax' as const,
  maxAge: CODE_SECONDS,
})

/** The site's provider of the path, when it is an `email` one. */
function emailProviderOf(site: SiteConfig, providerId: string): Provider {
  const provider = providerOf(site, providerId, '#/providerId')
  if (provider.type !== 'email') throw invalidField('#/providerId', 'is not a sign-in by e-mail')
  return provider
}

const stepOf = (err: AppError): StepError => ({ code: err.code, detail: err.message })

/** A problem with the path's provider (none such, not an e-mail one, no mail): no form can fix it. */
const isAboutProvider = (err: AppError) =>
  err instanceof ValidationError && err.errors.some((e) => e.pointer === '#/providerId')

/**
 * A failed step answers its own form again, the problem said next to the field, with the problem's
 * status (and `Retry-After`); a step whose flow is lost answers the page that says to start again.
 */
const failuresAsForms =
  (form: (c: Context<AppEnv>, error: StepError) => Promise<Page>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await next()
    const err = c.error
    if (!(err instanceof AppError)) return
    const page =
      err instanceof EmailFlowLostError || err.code === 'site-not-found' || isAboutProvider(err)
        ? await signInFailedPage(err.message, err.code)
        : await form(c, stepOf(err))
    const retryAfter = c.res.headers.get('Retry-After')
    c.res = new Response(page.body, {
      status: c.res.status,
      headers: { ...pageHeaders(page), ...(retryAfter && { 'Retry-After': retryAfter }) },
    })
  }

const flowOf = (deps: AppDeps, c: Context<AppEnv>): EmailFlow =>
  openEmailFlow(deps.keys, getCookie(c, FLOW_COOKIE), {
    siteId: c.get('site').id,
    providerId: c.req.param('providerId') ?? '',
    now: deps.clock(),
  })

const nameOf = (c: Context<AppEnv>) => {
  const { providers } = c.get('site')
  const provider = providers.find((p) => p.id === c.req.param('providerId'))
  return provider ? providerName(provider) : 'e-mail'
}

/**
 * The popup's first page for an `email` provider, once `start` has checked the opener's origin:
 * the address form, and the flow cookie that carries the origin to the next steps.
 * @throws ValidationError when this deployment sends no mail (the page then says so)
 */
export async function startEmailSignIn(
  deps: AppDeps,
  c: Context<AppEnv>,
  provider: Provider,
  origin: string,
) {
  requireSignInMail(deps.signInMail)
  const site = c.get('site')
  setCookie(
    c,
    FLOW_COOKIE,
    sealEmailFlow(deps.keys, { siteId: site.id, providerId: provider.id, origin }, deps.clock()),
    flowCookie(c),
  )
  return render(c, await emailAddressPage({ providerName: providerName(provider) }))
}

/** The e-mail popup's steps under `/v1/sites/:siteId/auth/:providerId`: mail a code, check it. */
export const emailSignInHandlers = (deps: AppDeps) =>
  ({
    authEmailCode: [
      failuresAsForms(async (c, error) =>
        (await c.req.parseBody().catch(() => undefined))?.resend === '1'
          ? emailCodePage({ providerName: nameOf(c), error })
          : emailAddressPage({ providerName: nameOf(c), error }),
      ),
      async (c) => {
        const site = c.get('site')
        const provider = emailProviderOf(site, c.req.param('providerId'))
        const flow = flowOf(deps, c)
        const form = c.req.valid('form')
        const address = form.email ?? (form.resend ? flow.reader?.address : undefined)
        if (address === undefined) throw invalidField('#/email', 'is required')
        const name = form.name || flow.reader?.name
        await sendSignInCode(deps, site, provider.id, {
          address,
          ipHash: hmacIp(deps.keys, deps.clientIp(c)),
        })
        const next = {
          siteId: site.id,
          providerId: provider.id,
          origin: flow.origin,
          reader: { address, ...(name && { name }) },
        }
        setCookie(c, FLOW_COOKIE, sealEmailFlow(deps.keys, next, deps.clock()), flowCookie(c))
        return render(c, await emailCodePage({ providerName: providerName(provider) }))
      },
    ],
    authEmailVerify: [
      failuresAsForms((c, error) => emailCodePage({ providerName: nameOf(c), error })),
      async (c) => {
        const site = c.get('site')
        const provider = emailProviderOf(site, c.req.param('providerId'))
        const flow = flowOf(deps, c)
        if (flow.reader === undefined) throw new EmailFlowLostError()
        const { code } = c.req.valid('form')
        const identity = await verifySignInCode(deps, site, provider.id, {
          address: flow.reader.address,
          code,
          name: flow.reader.name,
        })
        const session = await signInWithIdentity(deps.auth, site, provider, identity)
        deleteCookie(c, FLOW_COOKIE, flowCookie(c))
        // The opener's origin was checked against the site's origins when the popup started.
        return render(
          c,
          await sessionHandoffPage(flow.origin, {
            type: 'parley:session',
            token: session.token,
            user: session.user,
          }),
        )
      },
    ],
  }) satisfies Partial<OnDemandHandlers>
