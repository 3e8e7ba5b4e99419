// A resolver the tests answer: names mapped to addresses, changeable mid-test (a rebinding host).
import type { WebhookNetwork } from '../../shared/webhooks/webhook-target.js'

export function testNetwork(initial: Record<string, string[]> = {}) {
  const answers = new Map(Object.entries({ localhost: ['127.0.0.1'], ...initial }))
  const lookups: string[] = []
  const network: WebhookNetwork = {
    allowLoopback: true,
    lookup: async (host) => {
      lookups.push(host)
      const addresses = answers.get(host)
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
    },
  }
  return {
    network,
    lookups,
    answer: (host: string, addresses: string[]) => void answers.set(host, addresses),
  }
}

/** Names the tests resolve: a public host, private and metadata ones, and one that rebinds. */
export const HOSTS = {
  'hooks.example': ['93.184.216.34'],
  'private.example': ['10.0.0.7'],
  'metadata.example': ['169.254.169.254'],
  'metadata6.example': ['fd00:ec2::254'],
  'rebind.example': ['93.184.216.34', '127.0.0.1'],
  'mapped.example': ['::ffff:192.168.1.1'],
}
