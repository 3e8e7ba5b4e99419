import http from 'node:http'
import https from 'node:https'
import { pinnedLookup } from '../../webhooks/post-webhook.js'
import type { MastodonServer } from './mastodon-network.js'

/** How long one request to a reader's server may take, and how much of its answer is read. */
export const SERVER_TIMEOUT_MS = 5_000
export const MAX_SERVER_ANSWER_BYTES = 64 * 1024

/** Why a request to a server failed: the server misbehaved (`redirect`, `oversized`), or was not reached. */
export class ServerFetchError extends Error {
  constructor(readonly reason: 'redirect' | 'oversized' | 'timeout' | 'network' | 'origin') {
    super(`the server's answer was refused: ${reason}`)
    this.name = 'ServerFetchError'
  }
}

/** What a request may carry: the subset of `fetch`'s init that oauth4webapi and Parley send. */
export interface ServerRequestInit {
  method?: string
  headers?: ConstructorParameters<typeof Headers>[0]
  body?: string | URLSearchParams | null
  signal?: AbortSignal | null
  redirect?: string
}

/**
 * A `fetch` bound to one checked server: it connects to the address checked for it (never resolving
 * the name again, so a rebinding name cannot lead elsewhere), only to that server's origin, follows
 * no redirect (a 3xx rejects, or with `redirect: 'manual'` is answered, bodiless), gives up after {@link SERVER_TIMEOUT_MS} and reads at most
 * {@link MAX_SERVER_ANSWER_BYTES}. It fits oauth4webapi's `customFetch`.
 */
export function createServerFetch(server: MastodonServer, limits = { timeoutMs: SERVER_TIMEOUT_MS }) {
  return (input: string | URL, init: ServerRequestInit = {}): Promise<Response> => {
    const url = new URL(input)
    if (url.origin !== server.origin) return Promise.reject(new ServerFetchError('origin'))
    const client = url.protocol === 'https:' ? https : http
    const body = init.body == null ? undefined : String(init.body)
    const headers = Object.fromEntries(new Headers(init.headers ?? {}))
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body))
    return new Promise((resolve, reject) => {
      const fail = (reason: ServerFetchError['reason']) => {
        clearTimeout(timer)
        request.destroy()
        reject(new ServerFetchError(reason))
      }
      const request = client.request(url, {
        method: init.method ?? 'GET',
        agent: false,
        lookup: pinnedLookup(server),
        headers: { 'user-agent': 'Parley/1', ...headers },
      })
      const timer = setTimeout(() => fail('timeout'), limits.timeoutMs)
      init.signal?.addEventListener('abort', () => fail('timeout'), { once: true })
      request.on('error', () => fail('network'))
      request.on('response', (response) => {
        const status = response.statusCode ?? 0
        // As fetch's `redirect: 'manual'` (oauth4webapi's): the 3xx is the caller's to refuse.
        if (status >= 300 && status < 400 && init.redirect !== 'manual') return fail('redirect')
        const chunks: Buffer[] = []
        let read = 0
        response.on('data', (chunk: Buffer) => {
          read += chunk.length
          if (read > MAX_SERVER_ANSWER_BYTES) fail('oversized')
          else chunks.push(chunk)
        })
        response.on('error', () => fail('network'))
        response.on('end', () => {
          clearTimeout(timer)
          const answer = new Headers()
          for (const [name, value] of Object.entries(response.headers))
            if (typeof value === 'string') answer.set(name, value)
          const empty = status === 204 || status === 205 || (status >= 300 && status < 400)
          if (status < 200 || status > 599) return fail('network')
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: answer }))
        })
      })
      request.end(body)
    })
  }
}

export type ServerFetch = ReturnType<typeof createServerFetch>
