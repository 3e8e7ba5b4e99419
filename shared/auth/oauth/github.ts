import * as z from 'zod/mini'
import { cleanText } from '../identity.js'
import type { OAuthProvider } from './oauth-provider.js'
import { describedBy, parseProfile } from './parse-profile.js'

/** GitHub's real endpoints (an OAuth App; GitHub takes PKCE S256 beside the client secret). */
export const GITHUB_ENDPOINTS = {
  authorizationEndpoint: 'https://github.com/login/oauth/authorize',
  tokenEndpoint: 'https://github.com/login/oauth/access_token',
  api: 'https://api.github.com',
}

// GitHub refuses API requests without a User-Agent; the version header pins the JSON shapes.
const HEADERS = {
  Accept: 'application/vnd.github+json',
  'User-Agent': 'Parley',
  'X-GitHub-Api-Version': '2022-11-28',
}

/** `GET /user`: the numeric id is the identity; the rest only describes. */
const UserSchema = z.object({
  id: z.int().check(z.positive()),
  ...describedBy('login', 'name', 'avatar_url'),
})

/** `GET /user/emails`: only a primary address GitHub verified counts. */
const EmailsSchema = z.array(
  z.object({ email: z.string(), primary: z.optional(z.boolean()), verified: z.optional(z.boolean()) }),
)

export const github: OAuthProvider = {
  identityIssuer: 'https://github.com',
  endpoints: GITHUB_ENDPOINTS,
  scope: 'read:user user:email',
  pkce: true,
  authMethod: () => 'client_secret_post',
  async profile(accessToken, api, fetchProfile) {
    const user = parseProfile(UserSchema, await fetchProfile(`${api}/user`, accessToken, HEADERS))
    // The address is a nicety: without the scope, or with the API failing, the reader still signs in.
    const emails = await fetchProfile(`${api}/user/emails`, accessToken, HEADERS).catch(() => [])
    const parsed = EmailsSchema.safeParse(emails)
    const primary = parsed.success
      ? parsed.data.find((e) => e.primary === true && e.verified === true)
      : undefined
    return {
      issuer: this.identityIssuer,
      subject: String(user.id),
      name: cleanText(user.name, 80),
      username: cleanText(user.login, 80),
      picture: cleanText(user.avatar_url, 1024),
      email: primary?.email,
      emailVerified: primary !== undefined,
    }
  },
}
