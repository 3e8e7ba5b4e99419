/**
 * Where each social provider publishes its signing keys. Real URLs by default; tests point them at
 * key servers of their own on loopback (real HTTP, real keys), since this machine reaches no provider.
 */
export interface ProviderEndpoints {
  google: { jwks: string }
  apple: { jwks: string }
  microsoft: { jwks: string }
  /** Facebook's issuer: its keys come from its discovery document. */
  facebook: { issuer: string }
}

export const PROVIDER_ENDPOINTS: ProviderEndpoints = {
  google: { jwks: 'https://www.googleapis.com/oauth2/v3/certs' },
  apple: { jwks: 'https://appleid.apple.com/auth/keys' },
  microsoft: { jwks: 'https://login.microsoftonline.com/common/discovery/v2.0/keys' },
  facebook: { issuer: 'https://www.facebook.com' },
}
