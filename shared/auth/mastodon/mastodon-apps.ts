import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import type { Keys } from '../../crypto/keys.js'
import { openSecret, sealSecret } from '../../crypto/stored-secrets.js'
import { mastodonAppKey } from '../../db/item-keys.js'
import { isConditionFailure, type Store } from '../../db/store.js'
import { UnavailableError } from '../../errors.js'

/** Parley's client on one server, for one callback URL: what the code exchange authenticates with. */
export interface MastodonApp {
  clientId: string
  clientSecret: string
}

/** Which registration: a site's provider on one API origin (its callback URL) at one server. */
export interface AppScope {
  siteId: string
  server: string
  redirectUri: string
}

const AppItemSchema = z.object({ clientId: z.string(), sealedSecret: z.string(), createdAt: z.number() })

// The sealed secret is bound to its registration: copied onto another item, it does not open.
const contextOf = (scope: AppScope) => `mastodon-app:${scope.siteId}:${scope.server}:${scope.redirectUri}`

/** The registry of Parley's apps on Mastodon servers, one item per {@link AppScope}, secrets sealed. */
export function createMastodonApps(store: Store, keys: Keys) {
  const get = async (scope: AppScope): Promise<MastodonApp | undefined> => {
    const { Item } = await store.send(
      new GetCommand({
        TableName: store.tableName,
        Key: mastodonAppKey(scope.siteId, scope.server, scope.redirectUri),
        ConsistentRead: true,
      }),
    )
    if (!Item) return undefined
    const item = AppItemSchema.parse(Item)
    return { clientId: item.clientId, clientSecret: openSecret(keys, item.sealedSecret, contextOf(scope)) }
  }
  return {
    /**
     * The app registered for this scope, its secret opened; undefined before the first sign-in.
     * @throws UnavailableError; TypeError when the stored secret opens under neither key
     */
    get,
    /**
     * Keeps a new registration unless one is already kept: the first writer wins and every racer
     * gets the winner's, so concurrent first sign-ins end up with one app, never two in turn.
     * @returns the app kept for this scope (this one, or the one that won)
     * @throws UnavailableError
     */
    async add(scope: AppScope, app: MastodonApp, now: number): Promise<MastodonApp> {
      try {
        await store.send(
          new PutCommand({
            TableName: store.tableName,
            Item: {
              ...mastodonAppKey(scope.siteId, scope.server, scope.redirectUri),
              clientId: app.clientId,
              sealedSecret: sealSecret(keys, app.clientSecret, contextOf(scope)),
              createdAt: now,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        return app
      } catch (err) {
        if (!isConditionFailure(err)) throw err
        const winner = await get(scope)
        if (!winner) throw new UnavailableError({ cause: err })
        return winner
      }
    },
  }
}

export type MastodonApps = ReturnType<typeof createMastodonApps>
