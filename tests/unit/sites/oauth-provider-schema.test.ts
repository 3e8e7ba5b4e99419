import { describe, expect, it } from 'vitest'
import { SiteConfigSchema, StoredSiteConfigSchema } from '../../../shared/sites/site-schema.js'

const base = { id: 'blog', name: 'A blog', origins: ['https://blog.example'] }
const withProviders = (providers: unknown[]) => ({ ...base, providers })

describe('the OAuth provider types of a site config', () => {
  it('takes x, wordpress, github, mastodon and email, and reads each back as saved', () => {
    const saved = SiteConfigSchema.parse(
      withProviders([
        { id: 'xp', type: 'x', clientId: 'x-app' },
        { id: 'wp', type: 'wordpress', clientId: '123', clientSecret: 'set', name: 'My WordPress' },
        { id: 'gh', type: 'github', clientId: 'Iv1.abc', clientSecret: 'set' },
        { id: 'toot', type: 'mastodon', servers: [' Mastodon.Social ', 'fosstodon.org'] },
        { id: 'mail', type: 'email' },
      ]),
    )
    expect(saved.providers[3]).toEqual({
      id: 'toot',
      type: 'mastodon',
      servers: ['mastodon.social', 'fosstodon.org'],
    })
    expect(StoredSiteConfigSchema.parse(structuredClone(saved))).toEqual(saved)
  })

  it.each([
    ['an IPv4 address', '10.0.0.1'],
    ['an IPv4 address in another form', '0x7f.1'],
    ['an IPv6 address', '[::1]'],
    ['a URL', 'https://mastodon.social'],
    ['a host with a port', 'mastodon.social:443'],
    ['a single label', 'localhost'],
    ['a label starting with a dash', '-bad.example'],
    ['a host with a path', 'mastodon.social/@me'],
  ])('refuses a Mastodon server that is %s', (_name, server) => {
    expect(
      SiteConfigSchema.safeParse(withProviders([{ id: 'toot', type: 'mastodon', servers: [server] }]))
        .success,
    ).toBe(false)
  })

  it('refuses more than 50 Mastodon servers', () => {
    const servers = Array.from({ length: 51 }, (_, i) => `s${i}.example`)
    expect(
      SiteConfigSchema.safeParse(withProviders([{ id: 'toot', type: 'mastodon', servers }])).success,
    ).toBe(false)
    expect(
      SiteConfigSchema.safeParse(withProviders([{ id: 'toot', type: 'mastodon', servers: servers.slice(1) }]))
        .success,
    ).toBe(true)
  })

  it('refuses a code-flow provider without a client id', () => {
    for (const type of ['x', 'wordpress', 'github'])
      expect(SiteConfigSchema.safeParse(withProviders([{ id: 'p1', type }])).success).toBe(false)
  })
})
