import { RemovalPolicy } from 'aws-cdk-lib'
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb'
import { Construct } from 'constructs'

/**
 * The table's shape, declared here again because infra never imports the product code; a test
 * compares it with `tableDefinition()` of `shared/db/table-schema.ts`, so the two cannot drift.
 */
export const TABLE_SHAPE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'thread-oldest', partitionKey: 'tpk', sortKey: 'tOld' },
    { name: 'thread-newest', partitionKey: 'tpk', sortKey: 'tNew' },
    { name: 'thread-top', partitionKey: 'tpk', sortKey: 'tTop' },
    { name: 'by-status', partitionKey: 'spk', sortKey: 'ssk' },
  ],
} as const

/**
 * The one table: on-demand, point-in-time recovery, deletion protection, kept when the stack goes
 * (`RETAIN`), TTL for expiring items, and a stream of new and old images: what the notifier reads
 * (a change's before and after tell it what happened, e.g. a pending comment published).
 */
export class CommentsTable extends Construct {
  readonly table: Table
  /** Index ARNs one by one, so grants name each index instead of `index/*`. */
  readonly indexArns: string[]

  constructor(scope: Construct, id: string) {
    super(scope, id)
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_SHAPE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_SHAPE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE_SHAPE.ttlAttribute,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
    })
    for (const index of TABLE_SHAPE.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })
    }
    this.indexArns = TABLE_SHAPE.indexes.map((index) => `${this.table.tableArn}/index/${index.name}`)
  }
}
