import type { LambdaEvent } from 'hono/aws-lambda'
import { describe, expect, it } from 'vitest'
import { fromEdge, refuseDirect, viewerIp, withPublicHost } from '../../../functions/api/edge-origin.js'

const event = (headers: Record<string, string>) =>
  ({
    version: '2.0',
    rawPath: '/v1/health',
    headers,
    requestContext: { domainName: 'abc.execute-api.us-east-1.amazonaws.com', requestId: 'req-1' },
  }) as unknown as LambdaEvent

describe('viewerIp', () => {
  it('takes the address out of CloudFront-Viewer-Address, IPv4 and IPv6 (no brackets)', () => {
    expect(viewerIp('198.51.100.7:443')).toBe('198.51.100.7')
    expect(viewerIp('2001:db8:85a3::8a2e:370:7334:46532')).toBe('2001:db8:85a3::8a2e:370:7334')
  })

  it('gives nothing for a missing or malformed value', () => {
    for (const value of [undefined, '', '198.51.100.7', 'evil:443', ':443', '999.1.1.1:1']) {
      expect(viewerIp(value)).toBeUndefined()
    }
  })
})

describe('fromEdge', () => {
  it('accepts only the configured token when one is set', () => {
    expect(fromEdge(event({ 'x-parley-edge': 'token-of-the-stack-0001' }), 'token-of-the-stack-0001')).toBe(
      true,
    )
    expect(fromEdge(event({ 'x-parley-edge': 'token-of-the-stack-0002' }), 'token-of-the-stack-0001')).toBe(
      false,
    )
    expect(fromEdge(event({}), 'token-of-the-stack-0001')).toBe(false)
  })

  it('accepts everything when no token is configured (no CloudFront in front)', () => {
    expect(fromEdge(event({}), undefined)).toBe(true)
  })
})

describe('refuseDirect', () => {
  it('answers 403 forbidden as a problem that no cache keeps', () => {
    const result = refuseDirect(event({}))
    expect(result.statusCode).toBe(403)
    expect(result.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
    })
    expect(JSON.parse(result.body)).toMatchObject({ code: 'forbidden', status: 403, requestId: 'req-1' })
  })
})

describe('withPublicHost', () => {
  it('replaces the execute-api host with the one readers use', () => {
    const changed = withPublicHost(event({}), 'comments.blog.example') as any
    expect(changed.requestContext.domainName).toBe('comments.blog.example')
  })

  it('leaves the event alone without a public host', () => {
    const original = event({})
    expect(withPublicHost(original, undefined)).toBe(original)
  })
})
