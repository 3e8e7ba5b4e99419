import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import { PutCommand } from '@aws-sdk/lib-dynamodb'
import { expect, it } from 'vitest'
import { pollLocalStream } from '../../shared/notifications/poll-local-stream.js'
import { createTestApp } from '../helpers/test-app.js'
import { eventually } from './notifier-harness.js'

const streamsClient = (endpoint: string | undefined) =>
  new DynamoDBStreamsClient({
    region: 'us-east-1',
    ...(endpoint && { endpoint }),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  })

it('reads on after the stream failed to answer (fault injected), and from LATEST sees only what came after ready', async () => {
  const t = await createTestApp()
  await t.client.send(new PutCommand({ TableName: t.tableName, Item: { pk: 'before', sk: 'x' } }))
  const client = streamsClient(t.config.dynamoDbEndpoint)
  const send = client.send.bind(client)
  let failures = 0
  // Fault injection: the first two GetRecords calls fail as a dropped connection would.
  client.send = ((command: Parameters<typeof send>[0]) => {
    if (command.constructor.name === 'GetRecordsCommand' && failures < 2) {
      failures++
      return Promise.reject(Object.assign(new Error('socket hang up'), { name: 'NetworkingError' }))
    }
    return send(command)
  }) as typeof client.send
  const seen: string[] = []
  const logs: unknown[][] = []
  const poller = pollLocalStream({
    client,
    streamArn: t.streamArn,
    intervalMs: 20,
    log: (...entry) => void logs.push(entry),
    onBatch: async (records) => {
      for (const r of records) seen.push(JSON.stringify(r))
      return { batchItemFailures: [] }
    },
  })
  try {
    await poller.ready
    await t.client.send(new PutCommand({ TableName: t.tableName, Item: { pk: 'after', sk: 'x' } }))
    await eventually(() => seen.some((r) => r.includes('"after"')))
    expect(failures).toBe(2)
    expect(logs.filter((l) => l[1] === 'local stream read failed')).toHaveLength(2)
    expect(seen.some((r) => r.includes('"before"'))).toBe(false)
  } finally {
    const stopping = Date.now()
    await poller.stop()
    expect(Date.now() - stopping).toBeLessThan(2_000)
    client.destroy()
  }
})

it('reads a failed batch again from its first failed record, even on a shard read from LATEST', async () => {
  const t = await createTestApp()
  const client = streamsClient(t.config.dynamoDbEndpoint)
  const batches: string[][] = []
  const poller = pollLocalStream({
    client,
    streamArn: t.streamArn,
    intervalMs: 20,
    log: () => {},
    onBatch: async (records) => {
      const keys = records.map((r) => JSON.stringify(r.dynamodb?.Keys?.pk))
      batches.push(keys)
      // The first batch fails at its first record, as a notifier whose delivery threw answers.
      const seq = records[0]?.dynamodb?.SequenceNumber
      return batches.length === 1 && seq
        ? { batchItemFailures: [{ itemIdentifier: seq }] }
        : { batchItemFailures: [] }
    },
  })
  try {
    await poller.ready
    await t.client.send(new PutCommand({ TableName: t.tableName, Item: { pk: 'first', sk: 'x' } }))
    await eventually(() => batches.length >= 2, 10_000)
    expect(batches[0]?.[0]).toContain('first')
    expect(batches[1]?.[0]).toContain('first')
  } finally {
    await poller.stop()
    client.destroy()
  }
})
