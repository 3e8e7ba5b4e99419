import { isIP } from 'node:net'
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { newCommentId } from '../comments/comment-id.js'
import { keyedHash } from '../crypto/ip-hash.js'
import type { Keys } from '../crypto/keys.js'
import { banKey, bansKey, bansPk } from '../db/item-keys.js'
import type { Store } from '../db/store.js'
import { transactWrite } from '../db/transact.js'
import { invalidField, NotFoundError } from '../errors.js'
import { auditItem } from './audit-log.js'
import type { BanInput } from './moderation-input.js'

/** A ban as stored and as listed: for `ip` the value is its keyed hash. */
export const BanSchema = z.object({
  id: z.string(),
  kind: z.enum(['user', 'email', 'ip']),
  value: z.string(),
  reason: z.nullable(z.string()),
  expiresAt: z.nullable(z.string()),
  createdAt: z.string(),
})
export type Ban = z.infer<typeof BanSchema>

const IP_HASH = /^[\w-]{32}$/

/**
 * The keyed hash a ban is checked by, and the value it lists: an IP is listed only as its hash,
 * and moderators may ban by the `ipHash` they see on a comment.
 * @throws ValidationError for a value that is not of its kind
 */
function banTarget(keys: Keys, input: BanInput): { hash: string; listed: string } {
  if (input.kind === 'ip') {
    if (IP_HASH.test(input.value)) return { hash: input.value, listed: input.value }
    if (!isIP(input.value)) throw invalidField('#/value', 'must be an IP address or an ipHash')
    const hash = keyedHash(keys, 'ip', input.value)
    return { hash, listed: hash }
  }
  if (input.kind === 'email' && !z.email().safeParse(input.value).success) {
    throw invalidField('#/value', 'must be an e-mail address')
  }
  return { hash: keyedHash(keys, input.kind, input.value), listed: input.value }
}

/** Bans of a site: a listed record per ban, and a lookup item the post transaction checks. */
export function createBans(store: Store, keys: Keys) {
  const { tableName: TableName } = store

  return {
    /**
     * @throws ValidationError for a value that is not of its kind or an expiry in the past
     */
    async create(siteId: string, input: BanInput, actor: string, now: number): Promise<Ban> {
      const { hash, listed } = banTarget(keys, input)
      const expires = input.expiresAt === undefined ? undefined : Date.parse(input.expiresAt)
      if (expires !== undefined && expires <= now) throw invalidField('#/expiresAt', 'must be in the future')
      const ban: Ban = {
        id: newCommentId(now),
        kind: input.kind,
        value: listed,
        reason: input.reason ?? null,
        expiresAt: expires === undefined ? null : new Date(expires).toISOString(),
        createdAt: new Date(now).toISOString(),
      }
      const ttl = expires === undefined ? {} : { expiresAt: Math.ceil(expires / 1000) }
      await transactWrite(store, [
        {
          Put: {
            TableName,
            Item: { ...bansKey(siteId, ban.id), ...ban, hash, ...ttl, expiresIso: ban.expiresAt },
          },
        },
        { Put: { TableName, Item: { ...banKey(siteId, input.kind, hash), banId: ban.id, ...ttl } } },
        {
          Put: {
            TableName,
            Item: auditItem(
              siteId,
              { actor, action: 'ban', target: ban.id, detail: { kind: ban.kind, value: listed } },
              now,
            ),
          },
        },
      ])
      return ban
    },

    async list(siteId: string): Promise<Ban[]> {
      const { Items = [] } = await store.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': bansPk(siteId) },
          ScanIndexForward: false,
          Limit: 1000,
        }),
      )
      return Items.map((i) => BanSchema.parse({ ...i, expiresAt: i.expiresIso ?? null }))
    },

    /** @throws NotFoundError */
    async remove(siteId: string, banId: string, actor: string, now: number): Promise<void> {
      const { Item } = await store.send(new GetCommand({ TableName, Key: bansKey(siteId, banId) }))
      if (!Item) throw new NotFoundError(`ban ${banId} does not exist`)
      const ban = BanSchema.parse({ ...Item, expiresAt: Item.expiresIso ?? null })
      await transactWrite(store, [
        { Delete: { TableName, Key: bansKey(siteId, banId) } },
        { Delete: { TableName, Key: banKey(siteId, ban.kind, String(Item.hash)) } },
        {
          Put: {
            TableName,
            Item: auditItem(
              siteId,
              { actor, action: 'unban', target: banId, detail: { kind: ban.kind, value: ban.value } },
              now,
            ),
          },
        },
      ])
    },
  }
}

export type Bans = ReturnType<typeof createBans>
