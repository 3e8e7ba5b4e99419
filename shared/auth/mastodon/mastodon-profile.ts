import * as z from 'zod/mini'
import { InvalidTokenError, UnavailableError } from '../../errors.js'
import type { Identity } from '../identity.js'
import { MASTODON } from './mastodon-endpoints.js'
import type { MastodonServer } from './mastodon-network.js'
import { createServerFetch, ServerFetchError } from './server-fetch.js'

// What verify_credentials answers (docs.joinmastodon.org/entities/Account): only these fields count.
const AccountSchema = z.object({
  id: z.string().check(z.regex(/^[0-9A-Za-z_-]{1,64}$/)),
  username: z.string().check(z.maxLength(300)),
  display_name: z.optional(z.nullable(z.string())),
  avatar: z.optional(z.nullable(z.string())),
})

const refused = () => new InvalidTokenError('the server did not answer with a profile')

/**
 * The reader behind an access token, from the server's `verify_credentials`, over the checked
 * address: the issuer is the server's origin and the subject the account's id (unique per server);
 * moderators and bans name it `<id>@<server>`.
 * A redirect, an error status, an oversized or id-less answer is refused; nothing else is read.
 * @throws InvalidTokenError when the server answers no profile
 * @throws UnavailableError when it cannot be reached in time
 */
export async function fetchMastodonIdentity(server: MastodonServer, accessToken: string): Promise<Identity> {
  let res: Response
  try {
    res = await createServerFetch(server)(new URL(MASTODON.profile, server.origin), {
      headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
    })
  } catch (err) {
    if (err instanceof ServerFetchError && (err.reason === 'redirect' || err.reason === 'oversized'))
      throw refused()
    throw new UnavailableError({ cause: err })
  }
  if (res.status >= 500) throw new UnavailableError()
  const account = AccountSchema.safeParse(
    res.status === 200 ? await res.json().catch(() => undefined) : undefined,
  )
  if (!account.success) throw refused()
  const { id, username, display_name, avatar } = account.data
  return {
    issuer: server.origin,
    subject: id,
    name: display_name ?? undefined,
    username,
    picture: avatar ?? undefined,
    emailVerified: false,
    // Ids are unique per server only: a moderator is listed as `<id>@<server>`, never by a bare id.
    listedAs: `${id}@${server.host}`,
  }
}
