import { isIP } from 'node:net'
import { isLoopbackHost, isWebhookUrl } from '../sites/site-url-checks.js'
import { isLoopbackAddress, isPublicAddress } from './address-policy.js'

/** Every address a host name resolves to (`dns.lookup` with `all`), as the system resolver answers. */
export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>

/** How webhooks reach the network: the resolver, and whether a loopback URL may be posted to. */
export interface WebhookNetwork {
  lookup: LookupAll
  /**
   * The contract accepts `http:` and `https:` URLs on a loopback host (a developer's own receiver).
   * A deployment whose loopback holds something to protect (Lambda's runtime API) may refuse them.
   */
  allowLoopback: boolean
}

const LOOKUP_TIMEOUT_MS = 5_000

/** Why a webhook URL may not be posted to; its message names the host, never a secret. */
export class WebhookTargetError extends Error {
  constructor(
    readonly reason: 'url' | 'dns' | 'address',
    message: string,
  ) {
    super(message)
    this.name = 'WebhookTargetError'
  }
}

/** Where a delivery connects: the URL, and the one address checked for it. */
export interface WebhookTarget {
  url: URL
  address: string
  family: 4 | 6
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('lookup timed out')), ms).unref()),
  ])

/**
 * Resolves a webhook URL's host and checks every address it resolves to: all must be public, or,
 * for a URL that names a loopback host itself, loopback. A name that resolves to a private address
 * among public ones is refused (a rebinding host answers either). The delivery connects to the
 * address answered here, never resolving again.
 * @throws WebhookTargetError when the URL, its resolution or one of its addresses is not allowed
 */
export async function resolveWebhookTarget(value: string, network: WebhookNetwork): Promise<WebhookTarget> {
  if (!isWebhookUrl(value))
    throw new WebhookTargetError('url', 'must be an https URL (http only on a loopback host)')
  const url = new URL(value)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: { address: string; family: number }[]
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }]
  else {
    try {
      addresses = await withTimeout(network.lookup(host), LOOKUP_TIMEOUT_MS)
    } catch {
      throw new WebhookTargetError('dns', `host ${host} does not resolve`)
    }
  }
  const loopbackHost = isLoopbackHost(url.hostname)
  const allowed = (address: string) =>
    url.protocol === 'http:'
      ? network.allowLoopback && isLoopbackAddress(address)
      : isPublicAddress(address) || (network.allowLoopback && loopbackHost && isLoopbackAddress(address))
  const [first] = addresses
  if (!first) throw new WebhookTargetError('dns', `host ${host} does not resolve`)
  if (!addresses.every((a) => allowed(a.address)))
    throw new WebhookTargetError(
      'address',
      `host ${host} resolves to a private, loopback, link-local or metadata address`,
    )
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 }
}
