import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { digestEntryKey, digestPk } from '../db/item-keys.js'
import { queryAll } from '../db/query-pages.js'
import type { Store } from '../db/store.js'

/** Longer than the longest period: an entry no digest ever took (digests turned off) goes by itself. */
const KEPT_SECONDS = 3 * 24 * 3600

const DigestEntrySchema = z.object({ pk: z.string(), sk: z.string(), commentId: z.string(), at: z.number() })
export type DigestEntry = z.infer<typeof DigestEntrySchema>

/** The comments waiting for a site's next moderators' digest, in the site's digest partition. */
export function createDigestEntries(store: Store) {
  const { tableName: TableName, send } = store
  return {
    /** Files a comment for the next digest; filing it again (a batch read twice) changes nothing. */
    async add(siteId: string, commentId: string, at: number): Promise<void> {
      const Item = {
        ...digestEntryKey(siteId, at, commentId),
        commentId,
        at,
        expiresAt: Math.ceil(at / 1000) + KEPT_SECONDS,
      }
      await send(new PutCommand({ TableName, Item }))
    },

    /** Every entry waiting, oldest first (read consistently: an entry filed just now is in it). */
    async list(siteId: string): Promise<DigestEntry[]> {
      const items = await queryAll(store, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': digestPk(siteId) },
        ConsistentRead: true,
      })
      return items.flatMap((item) => {
        const entry = DigestEntrySchema.safeParse(item)
        return entry.success ? [entry.data] : []
      })
    },

    /** Removes the entries a digest was sent for; ones filed since stay for the next. */
    async remove(entries: DigestEntry[]): Promise<void> {
      for (let i = 0; i < entries.length; i += 25) {
        let requests: { DeleteRequest: { Key: Record<string, unknown> } }[] = entries
          .slice(i, i + 25)
          .map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }))
        while (requests.length > 0) {
          const res = await send(new BatchWriteCommand({ RequestItems: { [TableName]: requests } }))
          requests = (res.UnprocessedItems?.[TableName] ?? []).flatMap((r) => {
            const key = r.DeleteRequest?.Key
            return key ? [{ DeleteRequest: { Key: key } }] : []
          })
        }
      }
    },
  }
}

export type DigestEntries = ReturnType<typeof createDigestEntries>
