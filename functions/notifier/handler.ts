import { loadConfig } from '../../shared/config.js'
import { createDocumentClient } from '../../shared/db/document-client.js'
import { jsonLogger } from '../../shared/log.js'
import { createNotifierContext } from '../../shared/notifications/notifier-context.js'
import { withMasterSecret } from '../../shared/secrets/master-secret.js'
import { createNotifierDeps } from './create-notifier-deps.js'
import { createNotifierHandler } from './notifier-handler.js'
import { unwiredParts } from './unwired-parts.js'

// The notifier Lambda: built once per cold start. Its event sources (the table's stream, the
// webhook retry queue, the digest schedules, SES's events) all invoke this one handler; see
// notifier-handler.ts for how each is told apart.
const config = loadConfig(await withMasterSecret(process.env))
const client = createDocumentClient({ region: config.region, endpoint: config.dynamoDbEndpoint })
const parts = unwiredParts(jsonLogger)
const ctx = createNotifierContext(createNotifierDeps(config, parts, { client }))

export const handler = createNotifierHandler(ctx, parts)
