import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb'
import type { Store } from './store.js'

type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>

/** The items a Query of the table matches, a page at a time, following `LastEvaluatedKey`. */
export async function* queryPages(
  store: Store,
  input: QueryInput,
): AsyncGenerator<Record<string, unknown>[]> {
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const page = await store.send(
      new QueryCommand({ ...input, TableName: store.tableName, ExclusiveStartKey }),
    )
    yield page.Items ?? []
    ExclusiveStartKey = page.LastEvaluatedKey
  } while (ExclusiveStartKey)
}

/** Every item a Query of the table matches, all pages read. */
export async function queryAll(store: Store, input: QueryInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = []
  for await (const page of queryPages(store, input)) items.push(...page)
  return items
}
