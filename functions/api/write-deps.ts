import { createMastodonApps } from '../../shared/auth/mastodon/mastodon-apps.js'
import { createUsersRepository } from '../../shared/auth/users-repository.js'
import type { Keys } from '../../shared/crypto/keys.js'
import type { Store } from '../../shared/db/store.js'
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
  mastodonApps: createMastodonApps(store, keys),
})
