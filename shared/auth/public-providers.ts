import type { Provider, SiteConfig } from '../sites/site-schema.js'

// Apart from sign-in.ts (which verifies tokens with jose): the comment list, on the cold path,
// answers these too, so a widget's first render is one request.

const PROVIDER_NAMES = {
  google: 'Google',
  apple: 'Apple',
  microsoft: 'Microsoft',
  facebook: 'Facebook',
  x: 'X',
  wordpress: 'WordPress.com',
  github: 'GitHub',
  mastodon: 'Mastodon',
  email: 'E-mail',
} satisfies Record<Exclude<Provider['type'], 'oidc'>, string>

/** The name a sign-in button shows. */
export const providerName = (p: Provider) =>
  p.name ?? (p.type === 'oidc' ? new URL(p.issuer).hostname : PROVIDER_NAMES[p.type])

/** What a site's widget needs to offer sign-in: public, no secrets. */
export const publicProviders = (site: SiteConfig) => ({
  providers: site.providers.map((p) => ({
    id: p.id,
    type: p.type,
    name: providerName(p),
    // Only the id a browser-side sign-in needs: never a secret, nothing for types without a client.
    ...('clientId' in p && { clientId: p.clientId }),
  })),
  guests: site.guests,
})
