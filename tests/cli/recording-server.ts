import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
  /** `performance.now()` when the request arrived. */
  at: number
}

export type Responder = (request: RecordedRequest, res: ServerResponse) => void

/** Answers an import batch as the contract does: every line imported. */
export const importAll: Responder = (request, res) => {
  const lines = request.body.split('\n').filter(Boolean).length
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify({ imported: lines, skipped: 0, errors: [] }))
}

export const problem = (res: ServerResponse, status: number, code: string, headers = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/problem+json', ...headers })
  res.end(
    JSON.stringify({ type: `/problems/${code}`, title: code, status, code, detail: `test says ${code}` }),
  )
}

/**
 * A real HTTP server on a free loopback port that records every request and answers with the
 * responder for that request's position (the last one answers all the rest).
 */
export async function startRecordingServer(...responders: Responder[]) {
  const requests: RecordedRequest[] = []
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const request = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: performance.now(),
    }
    requests.push(request)
    const responder = responders[Math.min(requests.length, responders.length) - 1] ?? importAll
    responder(request, res)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** The NDJSON lines of every request, parsed, in the order sent. */
    lines: () =>
      requests.flatMap((r) =>
        r.body
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l)),
      ),
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Starts a recording server per call, each closed after the test that started it. */
export function useRecordingServers() {
  const servers: { close(): Promise<void> }[] = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()))
  })
  return async (...responders: Responder[]) => {
    const s = await startRecordingServer(...responders)
    servers.push(s)
    return s
  }
}
