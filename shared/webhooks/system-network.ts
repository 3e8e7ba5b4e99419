import type { WebhookNetwork } from './webhook-target.js'

/**
 * The system resolver; loopback URLs allowed, as the contract says (see {@link WebhookNetwork}).
 * `node:dns` is imported on the first lookup: the app's deps hold this, and a cold start must not
 * load the resolver (see README, "the cold path").
 */
export const systemNetwork: WebhookNetwork = {
  lookup: async (hostname) =>
    (await import('node:dns/promises')).lookup(hostname, { all: true, verbatim: true }),
  allowLoopback: true,
}
