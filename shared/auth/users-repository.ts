import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { sha256 } from '../crypto/mac.js'
import { userKey } from '../db/item-keys.js'
import type { Store } from '../db/store.js'

/** A reader who signed in: one record per (site, provider, issuer, subject). E-mail never identifies. */
export const UserSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  providerId: z.string(),
  providerType: z.string(),
  issuer: z.string(),
  subject: z.string(),
  name: z.string(),
  avatar: z.nullable(z.string()),
  email: z.nullable(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
})
export type User = z.infer<typeof UserSchema>

/** The stable id of an identity on a site. */
export const userIdFor = (siteId: string, providerId: string, issuer: string, subject: string) =>
  sha256(JSON.stringify([siteId, providerId, issuer, subject])).slice(0, 24)

export function createUsersRepository(store: Store) {
  const { tableName: TableName, send } = store
  return {
    async get(siteId: string, id: string): Promise<User | undefined> {
      const { Item } = await send(new GetCommand({ TableName, Key: userKey(siteId, id) }))
      return Item && UserSchema.parse(Item)
    },

    /** Writes the user as the provider describes them now (profile refreshed at every sign-in). */
    async save(user: User): Promise<void> {
      await send(new PutCommand({ TableName, Item: { ...userKey(user.siteId, user.id), ...user } }))
    },
  }
}

export type UsersRepository = ReturnType<typeof createUsersRepository>
