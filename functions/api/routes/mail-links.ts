import type { Context } from 'hono'
import { followMailLink, openMailLink } from '../../../shared/mail/mail-links.js'
import type { MailPurpose } from '../../../shared/mail/mail-token.js'
import type { AppDeps } from '../app-env.js'
import type { Page } from '../auth-pages.js'
import { mailDonePage, mailLinkPage } from '../mail-pages.js'
import type { OnDemandHandlers } from '../manifest/on-demand-requests.js'

const render = (c: Context, page: Page) => {
  c.header('Content-Security-Policy', page.csp)
  c.header('Cache-Control', 'no-store')
  return c.html(page.body)
}

/**
 * The links in Parley's mails, `/v1/mail/{confirm,unsubscribe,moderate}?token=…`: GET shows a page
 * with one button and changes nothing (mail scanners follow links); POST (that button, or RFC
 * 8058's one-click body) does it.
 */
export const mailLinkHandlers = (deps: AppDeps) => {
  const page = (purpose: MailPurpose) => async (c: Context) =>
    render(c, await mailLinkPage(await openMailLink(deps, purpose, c.req.query('token') ?? '')))
  const act = (purpose: MailPurpose) => async (c: Context) =>
    render(c, await mailDonePage(await followMailLink(deps, purpose, c.req.query('token') ?? '')))
  return {
    mailConfirmPage: page('confirm'),
    mailConfirm: act('confirm'),
    mailUnsubscribePage: page('unsubscribe'),
    mailUnsubscribe: act('unsubscribe'),
    mailModeratePage: page('moderate'),
    mailModerate: act('moderate'),
  } satisfies Partial<OnDemandHandlers>
}
