import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb'

/**
 * The single table: base keys `pk`/`sk`, TTL on `expiresAt`, and the indexes the requests need.
 * - `thread-oldest` / `thread-newest` / `thread-top`: a page's visible comments in thread order (sparse),
 *   threads oldest, newest or most liked first.
 * - `by-status`: a site's comments of one status, newest first (moderation queues).
 */
export const TABLE_INDEXES = {
  threadOldest: { name: 'thread-oldest', pk: 'tpk', sk: 'tOld' },
  threadNewest: { name: 'thread-newest', pk: 'tpk', sk: 'tNew' },
  threadTop: { name: 'thread-top', pk: 'tpk', sk: 'tTop' },
  byStatus: { name: 'by-status', pk: 'spk', sk: 'ssk' },
} as const

export const TTL_ATTRIBUTE = 'expiresAt'

/**
 * CreateTable input for DynamoDB Local and tests; the CDK construct declares the same shape. The
 * stream carries both images of every change: the notifier tells what changed (a comment published,
 * deleted) by comparing them.
 */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  const indexes = Object.values(TABLE_INDEXES)
  const attributes = new Set(['pk', 'sk', ...indexes.flatMap((i) => [i.pk, i.sk])])
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    AttributeDefinitions: [...attributes].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.name,
      KeySchema: [
        { AttributeName: i.pk, KeyType: 'HASH' },
        { AttributeName: i.sk, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  }
}
