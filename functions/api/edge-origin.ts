import type { Context, MiddlewareHandler } from 'hono'
import type { APIGatewayProxyResult, LambdaEvent } from 'hono/aws-lambda'
import { getConnInfo } from 'hono/aws-lambda'
import { safeEqual } from '../../shared/crypto/mac.js'

// `node:net` by its CommonJS exports: an import of it builds its ESM namespace, whose getters load
// BlockList and SocketAddress, on every cold start (~3 M instructions); the SDK has loaded `net` itself.
const { isIP } = process.getBuiltinModule('node:net')

/**
 * The API in AWS is reachable only through CloudFront. CloudFront adds `x-parley-edge: <token>` to
 * every origin request (overwriting any viewer header of that name); the function serves only
 * requests that carry it. So `CloudFront-Viewer-Address`, which CloudFront writes too, can be
 * trusted as the reader's address: the per-IP rate limit and IP hashes see readers, not edges.
 * A request straight to the execute-api URL, which could forge both, is refused with 403.
 */
export const EDGE_HEADER = 'x-parley-edge'
const VIEWER_ADDRESS = 'cloudfront-viewer-address'

/** API Gateway (v1, v2) and ALB events carry single-valued `headers`; others count as absent. */
const header = (event: LambdaEvent, name: string): string | undefined => {
  const value = 'headers' in event ? event.headers?.[name] : undefined
  return typeof value === 'string' ? value : undefined
}

/** Whether the event came through the distribution (always true without a configured token). */
export function fromEdge(event: LambdaEvent, edgeToken: string | undefined): boolean {
  if (edgeToken === undefined) return true
  const sent = header(event, EDGE_HEADER)
  return sent !== undefined && safeEqual(sent, edgeToken)
}

/** The 403 problem for a request that bypassed the distribution. */
export function refuseDirect(event: LambdaEvent): APIGatewayProxyResult {
  const context = 'requestContext' in event ? event.requestContext : undefined
  const requestId = context && 'requestId' in context ? context.requestId : undefined
  return {
    statusCode: 403,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    body: JSON.stringify({
      type: '/problems/forbidden',
      title: 'Not allowed',
      status: 403,
      detail: 'this API is served through its CloudFront distribution only',
      code: 'forbidden',
      requestId,
    }),
    isBase64Encoded: false,
  }
}

/**
 * {@link fromEdge} as middleware, for the streaming entry, whose adapter hands Hono the raw event
 * as `c.env.event`: a request without the edge header gets the same 403.
 */
export const requireEdge =
  (edgeToken: string | undefined): MiddlewareHandler<{ Bindings: { event: LambdaEvent } }> =>
  async (c, next) => {
    if (fromEdge(c.env.event, edgeToken)) return next()
    const refused = refuseDirect(c.env.event)
    return c.body(refused.body, 403, refused.headers as Record<string, string>)
  }

/**
 * The event as the reader addressed it: API Gateway reports its own execute-api host, since
 * CloudFront does not forward `Host`; the app builds absolute URLs (sign-in redirects) from it.
 */
export function withPublicHost<E extends LambdaEvent>(event: E, publicHost: string | undefined): E {
  if (publicHost === undefined || !('requestContext' in event)) return event
  if (!('domainName' in event.requestContext)) return event
  return { ...event, requestContext: { ...event.requestContext, domainName: publicHost } }
}

/** `198.51.100.7:443` or `2001:db8::1:443` (no brackets) → the address; anything else → undefined. */
export function viewerIp(viewerAddress: string | undefined): string | undefined {
  if (!viewerAddress) return undefined
  const colon = viewerAddress.lastIndexOf(':')
  const ip = colon > 0 ? viewerAddress.slice(0, colon) : ''
  return isIP(ip) ? ip : undefined
}

/**
 * The reader's IP: CloudFront's viewer address when the request provably came through it,
 * else the address API Gateway saw.
 */
export const clientIp =
  (edgeToken: string | undefined) =>
  (c: Context): string =>
    (edgeToken !== undefined ? viewerIp(c.req.header(VIEWER_ADDRESS)) : undefined) ??
    getConnInfo(c).remote.address ??
    'unknown'
