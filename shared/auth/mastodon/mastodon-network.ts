import { invalidField, UnavailableError } from '../../errors.js'
import { isLoopbackAddress } from '../../webhooks/address-policy.js'
import { systemNetwork } from '../../webhooks/system-network.js'
import { type LookupAll, resolveWebhookTarget, WebhookTargetError } from '../../webhooks/webhook-target.js'
import { parseServerName, SERVER_POINTER } from './server-name.js'

/** How Mastodon servers are reached: the resolver and, in tests only, servers served on loopback. */
export interface MastodonNetwork {
  lookup: LookupAll
  /**
   * Tests only: host names whose server listens on loopback, and the `http://host:port` origin it
   * answers at. Such a name must resolve to loopback; every other name must resolve to public
   * addresses only and is reached over https on port 443.
   */
  loopbackServers?: Readonly<Record<string, string>>
}

/** The system resolver; no server on loopback. */
export const systemMastodonNetwork: MastodonNetwork = { lookup: systemNetwork.lookup }

/** A server to connect to: its name, its origin (the identities' issuer), and the one address checked. */
export interface MastodonServer {
  host: string
  origin: string
  url: URL
  address: string
  family: 4 | 6
}

/**
 * Resolves a server name and checks where it leads with the webhooks' address policy: every address
 * public (a name that resolves to a private, loopback, link-local, CGNAT, unique-local or metadata
 * address among public ones is refused). Requests then connect to the address answered here.
 * @throws ValidationError (pointer `#/server`) when the name does not resolve or leads somewhere private
 */
export async function resolveServer(host: string, network: MastodonNetwork): Promise<MastodonServer> {
  const name = parseServerName(host)
  const loopbackOrigin = network.loopbackServers?.[name]
  if (loopbackOrigin !== undefined) {
    const [first, ...rest] = await network.lookup(name).catch(() => [])
    if (!first || ![first, ...rest].every((a) => isLoopbackAddress(a.address)))
      throw invalidField(SERVER_POINTER, 'does not resolve to its test server')
    const url = new URL(loopbackOrigin)
    return { host: name, origin: url.origin, url, address: first.address, family: first.family === 6 ? 6 : 4 }
  }
  try {
    const target = await resolveWebhookTarget(`https://${name}/`, {
      lookup: network.lookup,
      allowLoopback: false,
    })
    return {
      host: name,
      origin: target.url.origin,
      url: target.url,
      address: target.address,
      family: target.family,
    }
  } catch (err) {
    if (!(err instanceof WebhookTargetError)) throw new UnavailableError({ cause: err })
    throw invalidField(
      SERVER_POINTER,
      err.reason === 'dns' ? 'does not resolve' : 'is not on the public internet',
    )
  }
}
