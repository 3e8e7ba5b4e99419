import { lookup } from 'node:dns/promises'
import type { WebhookNetwork } from './webhook-target.js'

/** The system resolver; loopback URLs allowed, as the contract says (see {@link WebhookNetwork}). */
export const systemNetwork: WebhookNetwork = {
  lookup: (hostname) => lookup(hostname, { all: true, verbatim: true }),
  allowLoopback: true,
}
