import * as z from 'zod/mini'
import { cleanText } from '../identity.js'
import type { OAuthProvider } from './oauth-provider.js'
import { describedBy, parseProfile } from './parse-profile.js'

/** WordPress.com's real endpoints (the client secret in the token request; no PKCE). */
export const WORDPRESS_ENDPOINTS = {
  authorizationEndpoint: 'https://public-api.wordpress.com/oauth2/authorize',
  tokenEndpoint: 'https://public-api.wordpress.com/oauth2/token',
  api: 'https://public-api.wordpress.com',
}

/** `GET /rest/v1/me`: the numeric `ID` is the identity; an address counts only when `email_verified`. */
const MeSchema = z.object({
  ID: z.int().check(z.positive()),
  ...describedBy('display_name', 'username', 'avatar_URL', 'email', 'email_verified'),
})

export const wordpress: OAuthProvider = {
  identityIssuer: 'https://wordpress.com',
  // `auth` is the scope that reads `/me` and nothing of the reader's blogs.
  scope: 'auth',
  endpoints: WORDPRESS_ENDPOINTS,
  pkce: false,
  authMethod: () => 'client_secret_post',
  async profile(accessToken, api, fetchProfile) {
    const me = parseProfile(MeSchema, await fetchProfile(`${api}/rest/v1/me`, accessToken))
    const email = cleanText(me.email, 254)
    return {
      issuer: this.identityIssuer,
      subject: String(me.ID),
      name: cleanText(me.display_name, 80),
      username: cleanText(me.username, 80),
      picture: cleanText(me.avatar_URL, 1024),
      email,
      emailVerified: email !== undefined && me.email_verified === true,
    }
  },
}
