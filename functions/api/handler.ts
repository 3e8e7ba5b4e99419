import { getConnInfo, handle } from 'hono/aws-lambda'
import { loadConfig } from '../../shared/config.js'
import { createApp } from './app.js'
import { createDeps } from './create-deps.js'

// Built once per cold start and reused by every warm invocation.
const deps = createDeps(loadConfig(), { clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown' })

export const handler = handle(createApp(deps))
