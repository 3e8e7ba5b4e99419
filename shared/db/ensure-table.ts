import {
  CreateTableCommand,
  DescribeTableCommand,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb'
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { TTL_ATTRIBUTE, tableDefinition } from './table-schema.js'

/**
 * Creates the table when it does not exist yet (local mode and tests; AWS tables come from CDK),
 * and turns its stream on when a table made before the notifier has none (a local data dir).
 * @returns the table's stream ARN, which the local notifier reads
 */
export async function ensureTable(client: DynamoDBDocumentClient, tableName: string): Promise<string> {
  let table: TableDescription | undefined
  try {
    table = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table
  } catch (err) {
    if (!(err instanceof Error) || err.name !== 'ResourceNotFoundException') throw err
  }
  if (!table) {
    table = (await client.send(new CreateTableCommand(tableDefinition(tableName)))).TableDescription
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    )
  } else if (!table.StreamSpecification?.StreamEnabled) {
    const { StreamSpecification } = tableDefinition(tableName)
    table = (await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification })))
      .TableDescription
  }
  const arn = table?.LatestStreamArn
  if (!arn) throw new Error(`table ${tableName} has no stream`)
  return arn
}
