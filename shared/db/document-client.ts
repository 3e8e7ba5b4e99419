import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { NodeHttpHandler } from '@smithy/node-http-handler'

export interface DocumentClientOptions {
  region: string
  endpoint?: string | undefined
}

/**
 * The one DynamoDB document client of a process. Sockets are pooled generously: a request queued
 * for a socket must not time out while the store is merely busy. A dead store is caught by the
 * per-request deadline in `createStore` instead.
 *
 * The agents are given as options, for the SDK to create: importing `node:http` here would cost
 * every cold start on Lambda's Node 24 about 20 ms, as its module namespace loads the Fetch API.
 */
export function createDocumentClient({ region, endpoint }: DocumentClientOptions): DynamoDBDocumentClient {
  const agentOptions = { keepAlive: true, maxSockets: 256 }
  const client = new DynamoDBClient({
    region,
    maxAttempts: 3,
    ...(endpoint && {
      endpoint,
      // DynamoDB Local accepts any credentials; a developer machine may have none at all.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    requestHandler: new NodeHttpHandler({
      httpAgent: agentOptions,
      httpsAgent: agentOptions,
      requestTimeout: 2_000,
    }),
  })
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  })
}
