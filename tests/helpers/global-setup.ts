import type { TestProject } from 'vitest/node'
import { startDynamoDbLocal } from '../../functions/api/local/dynamodb-local.js'

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string
  }
}

/** One in-memory DynamoDB Local for the whole run, on a free port; each test file makes its own tables. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal()
  project.provide('dynamoEndpoint', dynamo.endpoint)
  return () => dynamo.stop()
}
