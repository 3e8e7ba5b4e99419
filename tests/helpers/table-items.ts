import { ScanCommand } from '@aws-sdk/lib-dynamodb'
import type { TestApp } from './test-app.js'

/** Every item of the test's table: tests may Scan to prove what was (not) written; requests never do. */
export async function tableItems(t: Pick<TestApp, 'client' | 'tableName'>) {
  const items: Record<string, unknown>[] = []
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const page = await t.client.send(
      new ScanCommand({ TableName: t.tableName, ExclusiveStartKey, ConsistentRead: true }),
    )
    items.push(...(page.Items ?? []))
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return items
}
