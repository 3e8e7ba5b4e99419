import { describe, expect, it } from 'vitest'
import { problem, type Responder, useRecordingServers } from './recording-server.js'
import { runCli } from './run-cli.js'

const server = useRecordingServers()

const line = (i: number) =>
  `${JSON.stringify({ source: 'parley', sourceId: `c${i}`, parentSourceId: null, body: 'é'.repeat(i % 50) })}\n`

/** Streams 2,000 lines in uneven chunks, some splitting a line (and a UTF-8 character) in two. */
const streamExport: Responder = (_, res) => {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' })
  const bytes = Buffer.from(Array.from({ length: 2000 }, (_, i) => line(i)).join(''))
  let at = 0
  const next = () => {
    if (at >= bytes.length) return void res.end()
    const size = 1 + ((at * 7919) % 4093)
    res.write(bytes.subarray(at, at + size))
    at += size
    setImmediate(next)
  }
  next()
}

describe('parley export', () => {
  it('streams the site’s NDJSON to stdout unchanged, with the admin key', async () => {
    const api = await server(streamExport)
    const { status, stdout, stderr } = await runCli(['export', '--api', `${api.url}/`, '--site', 'blog'])
    expect(status).toBe(0)
    expect(api.requests).toMatchObject([
      {
        method: 'GET',
        url: '/v1/admin/sites/blog/export',
        headers: { authorization: 'Bearer test-admin-key' },
      },
    ])
    expect(stdout).toBe(Array.from({ length: 2000 }, (_, i) => line(i)).join(''))
    expect(stderr).toContain('Exported 2000 comments of site blog.')
  })

  it('tries again after a 503 with Retry-After', async () => {
    const api = await server(
      (_, res) => problem(res, 503, 'unavailable', { 'Retry-After': '1' }),
      streamExport,
    )
    const { status, stdout } = await runCli(['export', '--api', api.url, '--site', 'blog'])
    expect(status).toBe(0)
    expect(api.requests).toHaveLength(2)
    expect(stdout.split('\n').filter(Boolean)).toHaveLength(2000)
  })

  it('says why when the site does not exist, and writes nothing to stdout', async () => {
    const api = await server((_, res) => problem(res, 404, 'site-not-found'))
    const { status, stdout, stderr } = await runCli(['export', '--api', api.url, '--site', 'nope'])
    expect(status).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain('parley: the export was refused: 404 site-not-found')
  })
})
