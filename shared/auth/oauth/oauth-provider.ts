import type { Identity } from '../identity.js'
import type { ProfileFetch } from './profile-fetch.js'

/** How a client proves itself at the token endpoint (RFC 6749 section 2.3, RFC 7591 names). */
export type ClientAuthMethod = 'none' | 'client_secret_post' | 'client_secret_basic'

/**
 * Where one OAuth 2.0 provider lives. The defaults are the provider's real URLs (in its own
 * module); tests point them at loopback servers through `ProviderEndpoints`, never site config.
 */
export interface OAuthEndpoints {
  /**
   * The authorization server's issuer: what an `iss` in the authorization response must be
   * (RFC 9207). GitHub, X and WordPress.com name none: then the authorization endpoint's origin.
   */
  issuer?: string
  authorizationEndpoint: string
  tokenEndpoint: string
  /** Base URL of the provider's profile API (`https://api.github.com`). */
  api: string
}

/** A client at one authorization server: its id, and its secret when it has one. */
export interface OAuthClient {
  clientId: string
  clientSecret?: string | undefined
  auth: ClientAuthMethod
}

/**
 * What the generic code flow needs to know of a provider: where it is, what to ask for, how the
 * client authenticates, and how an access token becomes an {@link Identity}.
 */
export interface OAuthProvider {
  /** The identity's issuer, fixed per provider (not the endpoints': tests must not change identities). */
  identityIssuer: string
  endpoints: OAuthEndpoints
  scope: string
  /** Whether the authorization server takes PKCE (S256); the flow cookie still binds `state` without. */
  pkce: boolean
  /** The client authentication to use, given whether the site stored a secret. */
  authMethod(hasSecret: boolean): ClientAuthMethod
  /**
   * The reader's identity behind an access token, from the provider's profile API at `api`.
   * @throws InvalidTokenError when the profile is not one (no id, wrong shape)
   * @throws UnavailableError when the API cannot be reached
   */
  profile(accessToken: string, api: string, fetchProfile: ProfileFetch): Promise<Identity>
}
