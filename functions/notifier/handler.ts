import { loadConfig } from '../../shared/config.js'
import { createDocumentClient } from '../../shared/db/document-client.js'
import { jsonLogger } from '../../shared/log.js'
import { loadNotifierConfig } from '../../shared/notifications/notifier-config.js'
import { withMasterSecret } from '../../shared/secrets/master-secret.js'
import { systemNetwork } from '../../shared/webhooks/system-network.js'
import { createNotifier } from './create-notifier.js'
import { lazySesMailer, lazySqsQueue } from './lambda-clients.js'
import { createNotifierHandler } from './notifier-handler.js'

// The notifier Lambda: built once per cold start. Its event sources (the table's stream, the
// webhook retry queue, the digest schedules, SES's events) all invoke this one handler; see
// notifier-handler.ts for how each is told apart. The master secret is read as the API reads it.
const env = await withMasterSecret(process.env)
const config = loadConfig(env)
const settings = loadNotifierConfig(env)
const client = createDocumentClient({ region: config.region, endpoint: config.dynamoDbEndpoint })
if (!settings.mailFrom)
  jsonLogger('info', 'MAIL_FROM is not set: this deployment sends webhooks only, no mail')
const { ctx, handlerDeps } = createNotifier(
  config,
  {
    apiOrigin: settings.apiOrigin,
    mailer: settings.mailFrom ? lazySesMailer(config.region, settings.sesConfigurationSet) : undefined,
    defaultFrom: settings.mailFrom,
    // Loopback in Lambda is its runtime API, nobody's webhook receiver.
    network: { ...systemNetwork, allowLoopback: false },
    queue: () => lazySqsQueue(config.region, settings.webhookQueueUrl),
  },
  { client },
)

export const handler = createNotifierHandler(ctx, handlerDeps)
