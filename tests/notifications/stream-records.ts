import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams'
import type { TestApp } from '../helpers/test-app.js'

/**
 * Every record of a test table's stream so far, read with the streams client, in the shape a
 * Lambda event carries them (JSON: `ApproximateCreationDateTime` in epoch seconds).
 */
export async function lambdaRecords(t: Pick<TestApp, 'streamArn' | 'config'>): Promise<unknown[]> {
  const client = new DynamoDBStreamsClient({
    region: 'us-east-1',
    endpoint: t.config.dynamoDbEndpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })
  try {
    const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: t.streamArn }))
    const records: _Record[] = []
    for (const shard of StreamDescription?.Shards ?? []) {
      let { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: t.streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
      while (ShardIterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator }))
        records.push(...(page.Records ?? []))
        if (!page.Records?.length) break
        ShardIterator = page.NextShardIterator
      }
    }
    return records.map((r) =>
      JSON.parse(
        JSON.stringify({
          ...r,
          dynamodb: {
            ...r.dynamodb,
            ApproximateCreationDateTime: (r.dynamodb?.ApproximateCreationDateTime?.getTime() ?? 0) / 1000,
          },
        }),
      ),
    )
  } finally {
    client.destroy()
  }
}
