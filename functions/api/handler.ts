import { handle, type LambdaContext, type LambdaEvent, streamHandle } from 'hono/aws-lambda'
import { Hono } from 'hono/tiny'
import { loadConfig } from '../../shared/config.js'
import { withMasterSecret } from '../../shared/secrets/master-secret.js'
import { createApp } from './app.js'
import { createDeps } from './create-deps.js'
import { clientIp, fromEdge, refuseDirect, requireEdge, withPublicHost } from './edge-origin.js'

// Built once per cold start and reused by every warm invocation. In AWS the environment names the
// master secret by ARN and it is read here, once; locally and in tests PARLEY_SECRET holds it.
const config = loadConfig(await withMasterSecret(process.env))
const deps = createDeps(config, {
  clientIp: clientIp(config.edgeToken),
  ...(config.publicHost && { issuer: `https://${config.publicHost}` }),
})
const app = createApp(deps)
const serve = handle(app)

export const handler = async (event: LambdaEvent, context?: LambdaContext) =>
  fromEdge(event, config.edgeToken)
    ? serve(withPublicHost(event, config.publicHost), context)
    : refuseDirect(event)

/**
 * The same app for a function URL in response-streaming mode: CloudFront sends it only the long
 * downloads (a site's export, the feedback CSV), which may outgrow the 6 MB a buffered Lambda
 * response can hold. Its streaming API, `awslambda.streamifyResponse`, exists only in the Lambda
 * runtime (the SDK may create an `awslambda` object of its own elsewhere).
 */
const runtime = (globalThis as { awslambda?: { streamifyResponse?: unknown } }).awslambda
export const streamHandler =
  typeof runtime?.streamifyResponse === 'function'
    ? streamHandle(new Hono().use(requireEdge(config.edgeToken)).route('/', app))
    : undefined
