import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type DynamoDbLocal,
  dynamoDbLocalCredentials,
  region,
  startDynamoDbLocal,
} from '../../functions/api/local/dynamodb-local.js'

const started: DynamoDbLocal[] = []
const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  await Promise.all(started.splice(0).map((instance) => instance.stop()))
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function start(
  options: { dbPath?: string; port?: number } = {},
  credentials = dynamoDbLocalCredentials,
) {
  const instance = await startDynamoDbLocal(options)
  started.push(instance)
  const client = new DynamoDBClient({ endpoint: instance.endpoint, region, credentials })
  cleanups.push(async () => client.destroy())
  return { instance, client }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ESRCH')
    return false
  }
}

describe('DynamoDB Local launcher', () => {
  it('answers ListTables, and stop() leaves no process behind', { timeout: 60_000 }, async () => {
    const { instance, client } = await start()
    expect(instance.endpoint).toBe(`http://127.0.0.1:${instance.port}`)
    const tables = await client.send(new ListTablesCommand({}))
    expect(tables.TableNames).toEqual([])
    expect(isAlive(instance.pid)).toBe(true)

    await instance.stop()
    await instance.stop() // idempotent
    expect(isAlive(instance.pid)).toBe(false) // the watchdog shell
    expect(isAlive(-instance.pid)).toBe(false) // its whole process group, java included
  })

  it('keeps tables in dbPath across stop and start on the same port, for any credentials', {
    timeout: 90_000,
  }, async () => {
    const dbPath = await mkdtemp(join(tmpdir(), 'parley-ddb-'))
    cleanups.push(() => rm(dbPath, { recursive: true, force: true }))

    const first = await start({ dbPath })
    await first.client.send(
      new CreateTableCommand({
        TableName: 'kept',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    )
    await first.client.send(
      new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'a' }, n: { N: '1' } } }),
    )
    await first.instance.stop()

    // -sharedDb: other credentials see the same tables
    const second = await start(
      { dbPath, port: first.instance.port },
      { accessKeyId: 'x', secretAccessKey: 'y' },
    )
    expect(second.instance.endpoint).toBe(first.instance.endpoint)
    const tables = await second.client.send(new ListTablesCommand({}))
    expect(tables.TableNames).toEqual(['kept'])
    const item = await second.client.send(new GetItemCommand({ TableName: 'kept', Key: { pk: { S: 'a' } } }))
    expect(item.Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } })
  })
})
