// A real webhook receiver on loopback: it records every request and answers as each test asks.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: IncomingHttpHeaders
  body: string
  /** Which of the server's addresses the request came in on. */
  localAddress: string
}

export type Answer = (res: ServerResponse, request: Received) => void

export const answerStatus =
  (status: number): Answer =>
  (res) => {
    res.statusCode = status
    res.end('{}')
  }

/** Starts a receiver on `host` (a loopback address), answering `answer`; `close()` ends every socket. */
export async function startReceiver(answer: Answer = answerStatus(204), host = '127.0.0.1') {
  const received: Received[] = []
  let current = answer
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        localAddress: req.socket.localAddress ?? '',
      }
      received.push(request)
      current(res, request)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    received,
    port,
    url: (path = '/hook') => `http://${host}:${port}${path}`,
    answer: (next: Answer) => {
      current = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>
