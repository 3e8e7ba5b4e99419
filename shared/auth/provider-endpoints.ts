import type { OAuthEndpoints } from './oauth/oauth-provider.js'

/**
 * Where each social provider publishes its signing keys, and where the OAuth code-flow providers
 * live. Real URLs by default (the OAuth ones in each provider's module, used when absent here);
 * tests point them at servers of their own on loopback (real HTTP, real keys), since this machine
 * reaches no provider.
 */
export interface ProviderEndpoints {
  google: { jwks: string }
  apple: { jwks: string }
  microsoft: { jwks: string }
  /** Facebook's issuer: its keys come from its discovery document. */
  facebook: { issuer: string }
  github?: OAuthEndpoints
  x?: OAuthEndpoints
  wordpress?: OAuthEndpoints
}

export const PROVIDER_ENDPOINTS: ProviderEndpoints = {
  google: { jwks: 'https://www.googleapis.com/oauth2/v3/certs' },
  apple: { jwks: 'https://appleid.apple.com/auth/keys' },
  microsoft: { jwks: 'https://login.microsoftonline.com/common/discovery/v2.0/keys' },
  facebook: { issuer: 'https://www.facebook.com' },
}
