import * as z from 'zod/mini'
import { cleanText } from '../identity.js'
import type { OAuthProvider } from './oauth-provider.js'
import { describedBy, parseProfile } from './parse-profile.js'

/** X's real endpoints (OAuth 2.0 with PKCE; a confidential app also authenticates with Basic). */
export const X_ENDPOINTS = {
  authorizationEndpoint: 'https://twitter.com/i/oauth2/authorize',
  tokenEndpoint: 'https://api.x.com/2/oauth2/token',
  api: 'https://api.x.com',
}

/** `GET /2/users/me`: `data.id` is the identity. X gives no e-mail address. */
const MeSchema = z.object({
  data: z.object({
    id: z.string().check(z.regex(/^\d{1,32}$/)),
    ...describedBy('name', 'username', 'profile_image_url'),
  }),
})

export const x: OAuthProvider = {
  identityIssuer: 'https://x.com',
  endpoints: X_ENDPOINTS,
  scope: 'users.read tweet.read',
  pkce: true,
  // A public client (no secret) sends only its id; a confidential one must use Basic.
  authMethod: (hasSecret) => (hasSecret ? 'client_secret_basic' : 'none'),
  async profile(accessToken, api, fetchProfile) {
    const { data } = parseProfile(
      MeSchema,
      await fetchProfile(`${api}/2/users/me?user.fields=profile_image_url`, accessToken),
    )
    return {
      issuer: this.identityIssuer,
      subject: data.id,
      name: cleanText(data.name, 80),
      username: cleanText(data.username, 80),
      picture: cleanText(data.profile_image_url, 1024),
      emailVerified: false,
    }
  },
}
