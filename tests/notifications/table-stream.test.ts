import { randomUUID } from 'node:crypto'
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { expect, inject, it } from 'vitest'
import { createDocumentClient } from '../../shared/db/document-client.js'
import { ensureTable } from '../../shared/db/ensure-table.js'
import { tableDefinition } from '../../shared/db/table-schema.js'

it('turns the stream on (both images) for a table made before the notifier, and answers its ARN', async () => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: inject('dynamoEndpoint') })
  const TableName = `t-${randomUUID()}`
  const { StreamSpecification: _, ...withoutStream } = tableDefinition(TableName)
  await client.send(new CreateTableCommand(withoutStream))
  const before = await client.send(new DescribeTableCommand({ TableName }))
  expect(before.Table?.StreamSpecification?.StreamEnabled).not.toBe(true)

  const arn = await ensureTable(client, TableName)
  const after = await client.send(new DescribeTableCommand({ TableName }))
  expect(after.Table?.StreamSpecification).toEqual({
    StreamEnabled: true,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
  })
  expect(arn).toBe(after.Table?.LatestStreamArn)
  // Again: nothing to change, the same stream.
  expect(await ensureTable(client, TableName)).toBe(arn)
  client.destroy()
})
