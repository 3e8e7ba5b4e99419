import type { Logger } from '../../shared/log.js'
import type { NotifierParts } from './create-notifier-deps.js'
import type { HandlerDeps } from './notifier-handler.js'

/**
 * Stand-ins for the mail and webhook modules' parts until they are merged in (the lead replaces
 * them): every plan is only logged by kind, no address counts as confirmed, subscribed or
 * suppressed, and every confirmation is "claimed", so the log shows each one the notifier would send.
 */
export function unwiredParts(log: Logger): NotifierParts & HandlerDeps {
  return {
    facts: {
      standing: async () => ({ confirmed: false, stopped: [] }),
      isSubscribed: async () => false,
      isSuppressed: async () => false,
      claimConfirmationMail: async () => true,
    },
    subscribe: async () => {},
    deliver: async (plan) =>
      log('info', 'notification planned (not sent: mail and webhooks are not wired)', { kind: plan.kind }),
    processWebhookJob: async () => {
      throw new Error('webhook jobs are not wired yet')
    },
    suppress: async (_hash, reason) => log('warn', 'suppression not stored (not wired)', { reason }),
  }
}
