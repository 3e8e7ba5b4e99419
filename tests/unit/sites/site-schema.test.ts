import { describe, expect, it } from 'vitest'
import {
  type SiteConfigInput,
  SiteConfigSchema,
  StoredSiteConfigSchema,
} from '../../../shared/sites/site-schema.js'

const configs: SiteConfigInput[] = [
  { id: 'blog', name: 'A blog', origins: ['https://blog.example'] },
  {
    id: 'full-site',
    name: '  Everything set  ',
    origins: ['https://a.example', 'http://localhost:4000'],
    moderation: 'pre',
    guests: { allowed: false, requireEmail: true },
    providers: [
      { id: 'google', type: 'google', clientId: 'client.apps' },
      {
        id: 'ms',
        type: 'microsoft',
        clientId: 'ms-client',
        name: 'Work account',
        tenants: ['9188040D-6C67-4C5B-B112-36A304B66DAD'],
      },
      { id: 'idp', type: 'oidc', issuer: 'https://idp.example', clientId: 'c', algorithms: ['ES256'] },
    ],
    moderators: [{ provider: 'google', subject: '1234' }],
    pageQueryParams: ['p'],
    limits: { maxLength: 300, maxDepth: 0, editWindowSeconds: 0, commentsPerMinutePerIp: 1, maxLinks: 0 },
    spam: { heuristics: false, blocklist: ['casino', '/v[i1]agra/'], akismet: { key: 'abc123' } },
  },
]

describe('the site config read back from the store', () => {
  it('is exactly the config as it was saved', () => {
    for (const input of configs) {
      const saved = SiteConfigSchema.parse(input)
      expect(StoredSiteConfigSchema.parse(structuredClone(saved))).toEqual(saved)
    }
  })

  it('gets the defaults of fields a config was saved without', () => {
    const stored = { id: 'old', name: 'Saved long ago', origins: ['https://old.example'] }
    expect(StoredSiteConfigSchema.parse(stored)).toEqual(SiteConfigSchema.parse(stored))
  })

  it('is refused when its shape is not a config', () => {
    const saved = SiteConfigSchema.parse(configs[0])
    for (const broken of [
      undefined,
      { ...saved, origins: 'https://blog.example' },
      { ...saved, moderation: 'never' },
      { ...saved, limits: { ...saved.limits, maxLength: '300' } },
      { ...saved, providers: [{ id: 'x', type: 'myspace', clientId: 'c' }] },
      { ...saved, spam: { ...saved.spam, blocklist: [1] } },
    ]) {
      expect(StoredSiteConfigSchema.safeParse(broken).success).toBe(false)
    }
  })
})

describe('a site config to save', () => {
  it('is checked and normalised as the contract says', () => {
    expect(SiteConfigSchema.parse(configs[1]).name).toBe('Everything set')
    expect(SiteConfigSchema.parse(configs[1]).providers[1]).toMatchObject({
      tenants: ['9188040d-6c67-4c5b-b112-36a304b66dad'],
    })
    for (const invalid of [
      { ...configs[0], id: 'No Caps' },
      { ...configs[0], origins: ['https://blog.example/path'] },
      { ...configs[0], origins: [] },
      { ...configs[0], limits: { maxLength: 0 } },
      {
        ...configs[0],
        providers: [{ id: 'idp', type: 'oidc', issuer: 'http://idp.example', clientId: 'c' }],
      },
    ]) {
      expect(SiteConfigSchema.safeParse(invalid).success).toBe(false)
    }
  })
})
