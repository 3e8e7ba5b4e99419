import { BlockList, isIP } from 'node:net'

// Where a webhook may never be posted: anything not on the public internet. Built on first use.
// Two lists: one BlockList matches IPv4 addresses against its IPv4-mapped IPv6 ranges too.
let refused: { ipv4: BlockList; ipv6: BlockList } | undefined
const refusedRanges = () => {
  if (refused) return refused
  const list = new BlockList()
  const list6 = new BlockList()
  const v4: [string, number][] = [
    ['0.0.0.0', 8], // "this network", 0.0.0.0 itself
    ['10.0.0.0', 8],
    ['100.64.0.0', 10], // carrier-grade NAT
    ['127.0.0.0', 8],
    ['169.254.0.0', 16], // link-local, the cloud metadata address 169.254.169.254
    ['172.16.0.0', 12],
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation
    ['192.88.99.0', 24], // 6to4 relays
    ['192.168.0.0', 16],
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24],
    ['203.0.113.0', 24],
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
  ]
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4')
  const v6: [string, number][] = [
    ['::', 128], // unspecified
    ['::1', 128],
    ['::', 96], // IPv4-compatible (deprecated)
    ['::ffff:0:0', 96], // IPv4-mapped: whatever IPv4 it names, it is not a public IPv6 host
    ['64:ff9b::', 96], // NAT64: reaches an IPv4 behind the translator
    ['64:ff9b:1::', 48],
    ['100::', 64], // discard
    ['2001::', 32], // Teredo
    ['2001:db8::', 32], // documentation
    ['2002::', 16], // 6to4: embeds an IPv4
    ['fc00::', 7], // unique local, the EC2 metadata address fd00:ec2::254
    ['fe80::', 10], // link-local
    ['fec0::', 10], // site-local (deprecated)
    ['ff00::', 8], // multicast
  ]
  for (const [net, prefix] of v6) list6.addSubnet(net, prefix, 'ipv6')
  refused = { ipv4: list, ipv6: list6 }
  return refused
}

/** Whether `address` is a loopback address (127.0.0.0/8 or ::1). */
export function isLoopbackAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return address.split('.')[0] === '127'
  if (family !== 6) return false
  const list = new BlockList()
  list.addAddress('::1', 'ipv6')
  return list.check(address, 'ipv6')
}

/**
 * Whether a webhook may be posted to `address`: a public unicast address. Private, loopback,
 * link-local, carrier-grade NAT, unique local, multicast, unspecified, documentation, IPv4-mapped
 * and translated IPv6, and the metadata addresses are not. Anything that is not an IP is not.
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  const ranges = refusedRanges()
  return family === 4 ? !ranges.ipv4.check(address, 'ipv4') : !ranges.ipv6.check(address, 'ipv6')
}
