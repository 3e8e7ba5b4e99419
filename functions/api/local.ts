import { resolve } from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { loadConfig } from '../../shared/config.js'
import { createDocumentClient } from '../../shared/db/document-client.js'
import { ensureTable } from '../../shared/db/ensure-table.js'
import { jsonLogger } from '../../shared/log.js'
import { createLocalMailer } from '../../shared/mail/local-mailer.js'
import { LOCAL_MAIL_FROM } from '../../shared/notifications/compose-plan-mail.js'
import { startLocalNotifier } from '../notifier/local-notifier.js'
import { createApp } from './app.js'
import { createDeps } from './create-deps.js'
import { persistentValue, randomSecret } from './local/data-dir.js'
import { ensureDemoSite } from './local/demo-site.js'
import { startDynamoDbLocal } from './local/dynamodb-local.js'
import { listen } from './local/listen.js'
import { serveDemo } from './local/serve-demo.js'

// Local mode (contract section 7): the whole API on an embedded DynamoDB Local, with a demo blog post.
const dataDir = resolve(process.env.DATA_DIR ?? '.data')

const dynamo = process.env.DYNAMODB_ENDPOINT
  ? undefined
  : await startDynamoDbLocal({ dbPath: resolve(dataDir, 'dynamodb') })
const config = loadConfig({
  TABLE_NAME: process.env.TABLE_NAME ?? 'parley',
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
  DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT ?? dynamo?.endpoint,
  PARLEY_SECRET: process.env.PARLEY_SECRET ?? (await persistentValue(dataDir, 'secret', randomSecret)),
  ADMIN_KEY: process.env.ADMIN_KEY ?? (await persistentValue(dataDir, 'admin-key', randomSecret)),
})
const client = createDocumentClient({ region: config.region, endpoint: config.dynamoDbEndpoint })
const streamArn = await ensureTable(client, config.tableName)
// One mailer for both senders: the notifier's mail and the API's sign-in codes.
const mailer = createLocalMailer({ smtpUrl: process.env.SMTP_URL, dataDir }, jsonLogger)
const deps = createDeps(config, {
  client,
  clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown',
  signInMail: { mailer, from: LOCAL_MAIL_FROM },
})
const app = createApp(deps)
serveDemo(app)
const server = createAdaptorServer({ fetch: app.fetch })
const port = await listen(server, process.env.PORT)
// The notifier reads the table's stream, as the notifier Lambda does in AWS; its mails link to
// this server, and go through SMTP_URL when set, else into DATA_DIR/outbox as .eml files.
const notifier = startLocalNotifier({
  config,
  client,
  streamArn,
  apiOrigin: `http://localhost:${port}`,
  mailer,
  log: jsonLogger,
})
await notifier.ready
// The demo site's origin is the address the page is served from.
await ensureDemoSite(deps.sites, port)
jsonLogger('info', 'Parley is running', {
  url: `http://localhost:${port}`,
  docs: `http://localhost:${port}/docs`,
})
console.log(`\n  Parley: http://localhost:${port}   (API docs: /docs, data: ${dataDir})`)
console.log(`  Admin key: ${deps.keys.adminKey}\n`)

let stopping = false
async function shutdown() {
  if (stopping) return
  stopping = true
  server.close()
  await notifier.stop()
  await dynamo?.stop()
  process.exit(0)
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, shutdown)
