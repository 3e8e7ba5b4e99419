import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import type { ProviderEndpoints } from '../../shared/auth/provider-endpoints.js'

/**
 * Stands in for the providers' key endpoints: a real HTTP server on loopback publishing real RSA
 * keys at the paths {@link ProviderEndpoints} name, plus a Facebook-style discovery document.
 * It counts requests per path, so tests can prove key sets are cached.
 */
export async function startKeyServer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = 'test-key-1'
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  const keys: JWK[] = [jwk]
  const hits = new Map<string, number>()
  let base = ''
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/'
    hits.set(path, (hits.get(path) ?? 0) + 1)
    res.setHeader('Content-Type', 'application/json')
    if (path === '/facebook/.well-known/openid-configuration') {
      res.end(
        JSON.stringify({
          issuer: `${base}/facebook`,
          jwks_uri: `${base}/facebook/jwks`,
          authorization_endpoint: `${base}/facebook/dialog/oauth`,
        }),
      )
    } else if (['/google/certs', '/apple/keys', '/microsoft/keys', '/facebook/jwks'].includes(path)) {
      res.end(JSON.stringify({ keys }))
    } else {
      res.statusCode = 404
      res.end('{}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const endpoints: ProviderEndpoints = {
    google: { jwks: `${base}/google/certs` },
    apple: { jwks: `${base}/apple/keys` },
    microsoft: { jwks: `${base}/microsoft/keys` },
    facebook: { issuer: `${base}/facebook` },
  }
  return {
    endpoints,
    base,
    kid,
    privateKey,
    publicJwk: jwk,
    hits: (path: string) => hits.get(path) ?? 0,
    /** Publishes another key, as a provider does when it rotates. */
    addKey: (key: JWK) => keys.push(key),
    /** An ID token signed with the published key; claims and header can be overridden. */
    sign: (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, ...header }).sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type KeyServer = Awaited<ReturnType<typeof startKeyServer>>
