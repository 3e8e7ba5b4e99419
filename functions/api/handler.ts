import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda'
import { loadConfig } from '../../shared/config.js'
import { withMasterSecret } from '../../shared/secrets/master-secret.js'
import { createApp } from './app.js'
import { createDeps } from './create-deps.js'
import { clientIp, fromEdge, refuseDirect, withPublicHost } from './edge-origin.js'

// Built once per cold start and reused by every warm invocation. In AWS the environment names the
// master secret by ARN and it is read here, once; locally and in tests PARLEY_SECRET holds it.
const config = loadConfig(await withMasterSecret(process.env))
const deps = createDeps(config, {
  clientIp: clientIp(config.edgeToken),
  ...(config.publicHost && { issuer: `https://${config.publicHost}` }),
})
const serve = handle(createApp(deps))

export const handler = async (event: LambdaEvent, context?: LambdaContext) =>
  fromEdge(event, config.edgeToken)
    ? serve(withPublicHost(event, config.publicHost), context)
    : refuseDirect(event)
