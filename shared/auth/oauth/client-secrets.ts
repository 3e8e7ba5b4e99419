import type { Clock } from '../../clock.js'
import type { Keys } from '../../crypto/keys.js'
import { clientSecretKey } from '../../db/item-keys.js'
import { deleteSealedSecret, putSealedSecret, readSealedSecret } from '../../db/sealed-secret-items.js'
import type { Store } from '../../db/store.js'
import type { TransactItem } from '../../db/transact.js'
import { type FieldProblem, ValidationError } from '../../errors.js'
import type { OAuthClientProvider, Provider, SiteConfig } from '../../sites/site-schema.js'

/** What a config holds, and every read answers, in place of a stored client secret. */
export const SECRET_SET = 'set'

// Bound as associated data: a sealed secret copied onto another provider's item does not open.
const contextOf = (siteId: string, providerId: string) => `client-secret:${siteId}:${providerId}`

/** Types whose token exchange cannot work without the secret. */
const NEEDS_SECRET = new Set<Provider['type']>(['github', 'wordpress'])

/** The providers that may have a client secret (an absent optional key is absent from the object too). */
const takesSecret = (p: Provider): p is OAuthClientProvider =>
  p.type === 'github' || p.type === 'wordpress' || p.type === 'x'

const hasStoredSecret = (p: Provider) => takesSecret(p) && p.clientSecret === SECRET_SET

/**
 * Prepares a config's save for its providers' client secrets, which are write-only: a new value is
 * sealed into an item of its own (written with the config, all or nothing) and the config keeps
 * `"set"`; `"set"` or no value keeps what is stored; a removed provider's secret is forgotten.
 */
export function createClientSecretSaving(deps: { keys: Keys; clock: Clock }) {
  return {
    /**
     * @throws ValidationError for two providers of one id, a GitHub or WordPress.com provider
     *   without a secret, or `"set"` with none stored
     */
    prepare(input: SiteConfig, previous: SiteConfig | null) {
      const ids = input.providers.map((p) => p.id)
      // A sign-in names its provider by id, and a secret is kept per id: two of one id cannot be.
      if (new Set(ids).size !== ids.length)
        throw new ValidationError([{ pointer: '#/providers', detail: 'ids must be unique' }])
      const stored = new Set(previous?.providers.filter(hasStoredSecret).map((p) => p.id))
      const problems: FieldProblem[] = []
      const writes: ((tableName: string) => TransactItem)[] = []
      const now = deps.clock()
      const providers = input.providers.map((p, i): Provider => {
        if (!takesSecret(p)) return p
        const { clientSecret, ...rest } = p
        if (clientSecret !== undefined && clientSecret !== SECRET_SET) {
          const key = clientSecretKey(input.id, p.id)
          writes.push(putSealedSecret(deps.keys, key, contextOf(input.id, p.id), clientSecret, now, false))
          return { ...rest, clientSecret: SECRET_SET }
        }
        if (stored.has(p.id)) return { ...rest, clientSecret: SECRET_SET }
        if (clientSecret === SECRET_SET || NEEDS_SECRET.has(p.type))
          problems.push({
            pointer: `#/providers/${i}/clientSecret`,
            detail: 'no secret is stored for this provider: send the client secret itself',
          })
        return rest
      })
      if (problems.length > 0) throw new ValidationError(problems)
      const kept = new Set(providers.filter(hasStoredSecret).map((p) => p.id))
      for (const id of stored)
        if (!kept.has(id)) writes.push(deleteSealedSecret(clientSecretKey(input.id, id)))
      const site = { ...input, providers }
      return { site, writes, answer: site }
    },
  }
}

/**
 * A provider's client secret, opened, for the one moment a token exchange needs it; undefined when
 * none is stored (a public X client).
 * @throws TypeError when the stored value opens under neither stored-secrets key
 * @throws UnavailableError
 */
export const readClientSecret = (store: Store, keys: Keys, siteId: string, providerId: string) =>
  readSealedSecret(store, keys, clientSecretKey(siteId, providerId), contextOf(siteId, providerId))
