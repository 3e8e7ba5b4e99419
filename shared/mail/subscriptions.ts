import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  GetCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb'
import * as z from 'zod/mini'
import { personPk, SUBSCRIPTION_PREFIX, subscriptionKey } from '../db/item-keys.js'
import { queryAll } from '../db/query-pages.js'
import type { Store } from '../db/store.js'
import type { MailPerson } from './mail-token.js'

/** A reader's wish to hear of replies to one of their comments. */
export interface Subscription {
  commentId: string
  /** Epoch milliseconds of the first subscribe. */
  since: number
}

const SubscriptionItem = z.object({ commentId: z.string(), since: z.number() })
/** BatchWriteItem takes at most this many requests. */
const BATCH = 25

/**
 * Which comments a person wants reply mail for, one item per comment in the person's partition
 * (so erasing the person erases them, and listing them is one Query of that partition).
 * Every method throws UnavailableError when the store is unreachable or throttled after retries.
 */
export function createSubscriptions(store: Store) {
  const { tableName: TableName, send } = store
  const mine = (siteId: string, person: MailPerson) =>
    queryAll(store, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': personPk(siteId, person), ':prefix': SUBSCRIPTION_PREFIX },
      ConsistentRead: true,
    })

  return {
    /** Subscribes the person to replies to the comment; again is a no-op that keeps the first time. */
    async subscribe(siteId: string, person: MailPerson, commentId: string, now: number): Promise<void> {
      await send(
        new UpdateCommand({
          TableName,
          Key: subscriptionKey(siteId, person, commentId),
          UpdateExpression: 'SET commentId = :id, since = if_not_exists(since, :now)',
          ExpressionAttributeValues: { ':id': commentId, ':now': now },
        }),
      )
    },

    async isSubscribed(siteId: string, person: MailPerson, commentId: string): Promise<boolean> {
      const { Item } = await send(
        new GetCommand({
          TableName,
          Key: subscriptionKey(siteId, person, commentId),
          ProjectionExpression: 'pk',
          ConsistentRead: true,
        }),
      )
      return Item !== undefined
    },

    /** The person's subscriptions on the site, oldest comment first (comment ids sort by time). */
    async list(siteId: string, person: MailPerson): Promise<Subscription[]> {
      return (await mine(siteId, person)).map((item) => SubscriptionItem.parse(item))
    },

    /** Ends every subscription of the person on the site. @returns how many there were */
    async stopAll(siteId: string, person: MailPerson): Promise<number> {
      const found = (await mine(siteId, person)).map((item) => SubscriptionItem.parse(item))
      for (let i = 0; i < found.length; i += BATCH) {
        let requests: NonNullable<BatchWriteCommandInput['RequestItems']>[string] = found
          .slice(i, i + BATCH)
          .map((s) => ({ DeleteRequest: { Key: subscriptionKey(siteId, person, s.commentId) } }))
        // DynamoDB may leave part of a batch unprocessed under load: send that part again.
        while (requests.length > 0) {
          const res = await send(new BatchWriteCommand({ RequestItems: { [TableName]: requests } }))
          requests = res.UnprocessedItems?.[TableName] ?? []
        }
      }
      return found.length
    },
  }
}

export type Subscriptions = ReturnType<typeof createSubscriptions>
