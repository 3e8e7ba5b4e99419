import type { Context } from 'hono'
import type { RequestIdVariables } from 'hono/request-id'
import type { SignInMail } from '../../shared/auth/email-code/email-sign-in.js'
import type { SignInCodes } from '../../shared/auth/email-code/sign-in-codes.js'
import type { MastodonDeps } from '../../shared/auth/mastodon/mastodon-sign-in.js'
import type { Session } from '../../shared/auth/sessions.js'
import type { AuthDeps } from '../../shared/auth/sign-in.js'
import type { Clock } from '../../shared/clock.js'
import type { CommentsRepository } from '../../shared/comments/comments-repository.js'
import type { Keys } from '../../shared/crypto/keys.js'
import type { Store } from '../../shared/db/store.js'
import type { Logger } from '../../shared/log.js'
import type { SuppressionList } from '../../shared/mail/suppression-list.js'
import type { CheckWithAkismet } from '../../shared/moderation/akismet.js'
import type { Bans } from '../../shared/moderation/bans.js'
import type { SiteDirectory } from '../../shared/sites/site-directory.js'
import type { SiteConfig } from '../../shared/sites/site-schema.js'
import type { WebhookNetwork } from '../../shared/webhooks/webhook-target.js'

/**
 * Everything the app needs from outside, built once per process by a composition root. It is each
 * aggregate's deps at once (`CommentDeps`, `FeedbackDeps`, `ModerationDeps`, `AuthDeps` as `auth`),
 * so a route hands it to any operation as it is.
 */
export interface AppDeps {
  keys: Keys
  clock: Clock
  /** The one table every repository and aggregate writes to. */
  store: Store
  sites: SiteDirectory
  comments: CommentsRepository
  auth: AuthDeps
  /** Signing in with Mastodon: how readers' servers are reached, and Parley's apps on them. */
  mastodon: MastodonDeps
  bans: Bans
  checkWithAkismet: CheckWithAkismet
  log: Logger
  /** How webhook URLs are resolved and checked, when a config is saved and a test event sent. */
  webhookNetwork: WebhookNetwork
  /** The codes of sign-in by e-mail, and how they are mailed (undefined: the deployment sends no mail). */
  signInCodes: SignInCodes
  signInMail: SignInMail | undefined
  suppressions: Pick<SuppressionList, 'isSuppressed'>
  /** The caller's IP as the transport saw it (Lambda event or socket). */
  clientIp: (c: Context) => string
}

export type AppEnv = {
  Variables: RequestIdVariables & {
    site: SiteConfig
    session: Session | undefined
    /** Who is acting on an admin route: `admin`, or `moderator:<provider>:<subject>`. */
    actor: string
  }
}
