import { createSignInCodes } from '../../shared/auth/email-code/sign-in-codes.js'
import { createMastodonApps } from '../../shared/auth/mastodon/mastodon-apps.js'
import { createUsersRepository } from '../../shared/auth/users-repository.js'
import type { Keys } from '../../shared/crypto/keys.js'
import type { Store } from '../../shared/db/store.js'
import type { Mailer } from '../../shared/mail/mail-message.js'
import { createSesMailer } from '../../shared/mail/ses-mailer.js'
import { createSuppressionList } from '../../shared/mail/suppression-list.js'
import { createAkismet } from '../../shared/moderation/akismet.js'
import { createBans } from '../../shared/moderation/bans.js'

// Saving a site's webhooks and client secrets loads with these: one on-demand entry for what reads never need.
export { createClientSecretSaving } from '../../shared/auth/oauth/client-secrets.js'
export { createWebhookSaving } from '../../shared/webhooks/webhook-save.js'

/**
 * The dependencies only writes, moderators and sign-ins use: `create-deps.ts` imports this module
 * on their first call, so a reader's cold start never loads them or the schemas they build.
 */
export const createWriteDeps = (
  store: Store,
  keys: Keys,
  akismetEndpoint: ((key: string) => string) | undefined,
) => ({
  bans: createBans(store, keys),
  checkWithAkismet: createAkismet(akismetEndpoint),
  users: createUsersRepository(store),
  signInCodes: createSignInCodes(store),
  suppressions: createSuppressionList(store),
  mastodonApps: createMastodonApps(store, keys),
})

/** SES for the sign-in codes the API mails, its client made with the first code (AWS only). */
export async function createSignInSesMailer(
  region: string,
  configurationSet: string | undefined,
): Promise<Mailer> {
  const { SESv2Client } = await import('@aws-sdk/client-sesv2')
  return createSesMailer({ client: new SESv2Client({ region, maxAttempts: 3 }), configurationSet })
}
