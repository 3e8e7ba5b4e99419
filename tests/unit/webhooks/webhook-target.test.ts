import { describe, expect, it } from 'vitest'
import { isPublicAddress } from '../../../shared/webhooks/address-policy.js'
import { resolveWebhookTarget, type WebhookNetwork } from '../../../shared/webhooks/webhook-target.js'

const network = (answers: Record<string, string[]>, allowLoopback = true): WebhookNetwork => ({
  allowLoopback,
  lookup: async (host) => {
    const addresses = answers[host]
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  },
})

describe('isPublicAddress', () => {
  it.each([
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '127.0.0.1',
    '0.0.0.0',
    '169.254.169.254',
    '169.254.1.1',
    '100.64.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fd00:ec2::254',
    'fc00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a00:1',
    '2002:a00:1::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001::200e'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true)
    },
  )
})

describe('resolveWebhookTarget', () => {
  it('answers the one checked address of a public host', async () => {
    const target = await resolveWebhookTarget(
      'https://hooks.example/in',
      network({ 'hooks.example': ['93.184.216.34'] }),
    )
    expect(target).toMatchObject({ address: '93.184.216.34', family: 4 })
  })

  it.each([
    ['a private address', ['10.1.2.3']],
    ['the metadata address', ['169.254.169.254']],
    ['the EC2 IPv6 metadata address', ['fd00:ec2::254']],
    ['a public and a private address (rebinding)', ['93.184.216.34', '192.168.0.10']],
    ['loopback, for a name that is not a loopback host', ['127.0.0.1']],
    ['an IPv4-mapped loopback', ['::ffff:127.0.0.1']],
  ])('refuses a host that resolves to %s', async (_what, addresses) => {
    await expect(
      resolveWebhookTarget('https://evil.example/in', network({ 'evil.example': addresses })),
    ).rejects.toMatchObject({ reason: 'address' })
  })

  it.each([
    'https://169.254.169.254/latest/meta-data',
    'https://[fd00:ec2::254]/',
    'https://10.0.0.1/',
    'https://[::ffff:7f00:1]/',
    'https://0.0.0.0/',
  ])('refuses the literal address of %s', async (url) => {
    await expect(resolveWebhookTarget(url, network({}))).rejects.toMatchObject({ reason: 'address' })
  })

  it('refuses a host that does not resolve, with reason dns', async () => {
    await expect(resolveWebhookTarget('https://nowhere.example/', network({}))).rejects.toMatchObject({
      reason: 'dns',
    })
  })

  it('accepts http and https on a loopback host, and refuses them when the deployment refuses loopback', async () => {
    const answers = { localhost: ['127.0.0.1', '::1'] }
    await expect(resolveWebhookTarget('http://127.0.0.1:9/x', network(answers))).resolves.toMatchObject({
      address: '127.0.0.1',
    })
    await expect(resolveWebhookTarget('http://[::1]:9/x', network(answers))).resolves.toMatchObject({
      address: '::1',
      family: 6,
    })
    await expect(resolveWebhookTarget('https://localhost:9/x', network(answers))).resolves.toMatchObject({
      address: '127.0.0.1',
    })
    await expect(resolveWebhookTarget('http://localhost:9/x', network(answers, false))).rejects.toMatchObject(
      {
        reason: 'address',
      },
    )
  })

  it('refuses http to a loopback name that resolves elsewhere, and http to any other host', async () => {
    await expect(
      resolveWebhookTarget('http://localhost/x', network({ localhost: ['93.184.216.34'] })),
    ).rejects.toMatchObject({ reason: 'address' })
    await expect(resolveWebhookTarget('http://hooks.example/x', network({}))).rejects.toMatchObject({
      reason: 'url',
    })
  })
})
