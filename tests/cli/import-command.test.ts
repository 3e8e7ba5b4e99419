import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parentsComeFirst, tempFile } from './collect.js'
import { fixture, THEME, themeImportArgs } from './fixtures.js'
import { importAll, problem, useRecordingServers } from './recording-server.js'
import { runCli } from './run-cli.js'

const server = useRecordingServers()
const importArgs = (api: string, ...extra: string[]) => themeImportArgs(api, 'blog', ...extra)

describe('parley import', () => {
  it('sends the lines in batches of --batch, as NDJSON with the admin key, parents before replies', async () => {
    const api = await server()
    const { status, stderr } = await runCli(importArgs(api.url, '--batch', '10'))
    expect(status).toBe(0)
    expect(api.requests.map((r) => r.body.split('\n').filter(Boolean).length)).toEqual([10, 10, 9])
    for (const request of api.requests) {
      expect(request).toMatchObject({
        method: 'POST',
        url: '/v1/admin/sites/blog/import',
        headers: { authorization: 'Bearer test-admin-key', 'content-type': 'application/x-ndjson' },
      })
      expect(request.body.endsWith('\n')).toBe(true)
    }
    const lines = api.lines()
    expect(lines).toHaveLength(29)
    expect(parentsComeFirst(lines)).toBe(true)
    expect(stderr).toContain('29 comments to import; skipped 2 trackbacks, 2 pingbacks.')
    expect(stderr).toContain('10/29 lines sent (34%) · 10 imported · 0 skipped · 0 errors')
    expect(stderr).toContain('Done: 29 lines sent, 29 imported, 0 already there, 0 refused.')
  })

  it('splits a batch before it reaches 5 MiB', async () => {
    const big = 'x'.repeat(90_000)
    const comments = Array.from(
      { length: 120 },
      (_, i) =>
        `<wp:comment><wp:comment_id>${i + 1}</wp:comment_id><wp:comment_date_gmt>2020-01-01 00:00:00</wp:comment_date_gmt><wp:comment_content>${big}</wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>`,
    )
    const path = await tempFile(
      'big.xml',
      `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><link>https://blog.example/p</link>${comments.join('')}</item></channel></rss>`,
    )
    const api = await server()
    const { status } = await runCli([
      'import',
      'wordpress',
      path,
      '--api',
      api.url,
      '--site',
      'blog',
      '--batch',
      '1000',
    ])
    expect(status).toBe(0)
    const sizes = api.requests.map((r) => Buffer.byteLength(r.body))
    expect(sizes.length).toBe(3)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5 * 1024 * 1024)
    expect(api.lines()).toHaveLength(120)
  })

  it('tries a batch again after a 503, and goes on', async () => {
    const api = await server(importAll, (_, res) => problem(res, 503, 'unavailable'), importAll)
    const { status, stderr } = await runCli(importArgs(api.url, '--batch', '20'))
    expect(status).toBe(0)
    expect(api.requests).toHaveLength(3)
    expect(api.requests[2]?.body).toBe(api.requests[1]?.body)
    expect(api.lines()).toHaveLength(29 + 9)
    expect(stderr).toMatch(/503 unavailable: trying again in \d+ ms/)
    expect(stderr).toContain('Done: 29 lines sent, 29 imported')
  })

  it('waits as long as Retry-After says before trying again', async () => {
    // One second of Retry-After is 20 ms in tests; the backoff alone would be about 1 ms.
    const api = await server((_, res) => problem(res, 429, 'rate-limited', { 'Retry-After': '5' }), importAll)
    const { status, stderr } = await runCli(importArgs(api.url))
    expect(status).toBe(0)
    const [first, second] = api.requests
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(95)
    expect(stderr).toContain('429 rate-limited: trying again in 100 ms')
  })

  it('tries again when the connection drops', async () => {
    const api = await server((_, res) => res.socket?.destroy(), importAll)
    const { status } = await runCli(importArgs(api.url))
    expect(status).toBe(0)
    expect(api.requests).toHaveLength(2)
  })

  it('gives up after the last try, naming the cause', async () => {
    const api = await server((_, res) => problem(res, 503, 'unavailable'))
    const { status, stderr } = await runCli(importArgs(api.url), { retry: { baseMs: 1, attempts: 3 } })
    expect(status).toBe(1)
    expect(api.requests).toHaveLength(3)
    expect(stderr).toMatch(
      /parley: POST http:\/\/127\.0\.0\.1:\d+\/v1\/admin\/sites\/blog\/import failed 3 times; last: 503 unavailable/,
    )
  })

  it('prints each refused line with its number in the whole import, and exits 2', async () => {
    const api = await server(importAll, (request, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const lines = request.body.split('\n').filter(Boolean).length
      res.end(
        JSON.stringify({
          imported: lines - 2,
          skipped: 1,
          errors: [
            { line: 3, code: 'parent-not-found', detail: 'no parent' },
            { line: 5, code: 'page-not-on-site' },
          ],
        }),
      )
    })
    const { status, stderr } = await runCli(importArgs(api.url, '--batch', '20'))
    expect(status).toBe(2)
    const third = api.lines()[22]
    expect(stderr).toContain(`line 23 (wordpress ${third.sourceId}): parent-not-found: no parent`)
    expect(stderr).toContain('line 25 (')
    expect(stderr).toContain('Done: 29 lines sent, 27 imported, 1 already there, 2 refused.')
    expect(stderr).toContain('Refused lines by reason: parent-not-found 1, page-not-on-site 1')
    expect(stderr).toContain('Hint: add the blog')
  })

  it('moves pages with --map-origin', async () => {
    const api = await server()
    const args = importArgs(
      api.url,
      '--map-origin',
      'https://wpthemetestdata.wordpress.com=https://blog.example',
    )
    expect((await runCli(args)).status).toBe(0)
    const pages = new Set(api.lines().map((l) => l.page))
    expect(pages).toContain('https://blog.example/2012/01/03/template-comments/')
    expect([...pages].every((p) => p.startsWith('https://blog.example/'))).toBe(true)
  })

  it('stops at a refused batch with the server’s reason and a hint', async () => {
    const api = await server((_, res) => problem(res, 401, 'invalid-token'))
    const { status, stderr } = await runCli(importArgs(api.url, '--batch', '10'))
    expect(status).toBe(1)
    expect(api.requests).toHaveLength(1)
    expect(stderr).toContain(
      'parley: batch 1 (lines 1-10) was refused: 401 invalid-token: test says invalid-token',
    )
    expect(stderr).toContain('PARLEY_ADMIN_KEY')
  })

  it('after an interruption, --progress-file skips the batches already acknowledged', async () => {
    const progressFile = `${await tempFile('keep.txt', '')}.progress.json`
    const api = await server(importAll, (_, res) => problem(res, 400, 'validation'), importAll)
    const args = importArgs(api.url, '--batch', '10', '--progress-file', progressFile)
    expect((await runCli(args)).status).toBe(1)
    expect(api.requests).toHaveLength(2)
    expect(JSON.parse(await readFile(progressFile, 'utf8'))).toMatchObject({
      batchesDone: 1,
      totals: { sent: 10, imported: 10 },
    })

    const { status, stderr } = await runCli(args)
    expect(status).toBe(0)
    expect(stderr).toContain('Resuming: 1 batches were acknowledged by an earlier run.')
    // The second run starts at the batch the server refused: batches 2 and 3 only.
    expect(api.requests.slice(2).map((r) => r.body)).toEqual([api.requests[1]?.body, expect.any(String)])
    expect(api.requests.at(-1)?.body.split('\n').filter(Boolean)).toHaveLength(9)
    expect(stderr).toContain('Done: 29 lines sent, 29 imported')
    await expect(readFile(progressFile)).rejects.toThrow(/ENOENT/)
  })

  it('--dry-run writes the NDJSON to stdout, sends nothing and needs no key', async () => {
    const api = await server()
    const { status, stdout } = await runCli(importArgs(api.url, '--dry-run'), { env: {} })
    expect(status).toBe(0)
    expect(api.requests).toHaveLength(0)
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines).toHaveLength(29)
    expect(lines[0]).toMatchObject({ source: 'wordpress', format: 'html' })
  })

  it('imports a Disqus export the same way', async () => {
    const api = await server()
    const args = ['import', 'disqus', fixture('isso/disqus.xml'), '--api', api.url, '--site', 'blog']
    const { status, stderr } = await runCli(args)
    expect(status).toBe(0)
    expect(api.lines().map((l) => l.sourceId)).toEqual(['4', '5', '8', '9', '11'])
    expect(stderr).toContain('5 comments to import; skipped 1 post of a thread missing from the export.')
  })

  it('imports NDJSON lines as written (what parley export writes), moving pages with --map-origin', async () => {
    const { stdout } = await runCli(importArgs('http://unused', '--dry-run'))
    const file = await tempFile('site.ndjson', stdout)
    const api = await server()
    const args = ['import', 'ndjson', file, '--api', api.url, '--site', 'blog', '--batch', '7']
    const { status } = await runCli([
      ...args,
      '--map-origin',
      'https://wpthemetestdata.wordpress.com=https://b.example',
    ])
    expect(status).toBe(0)
    expect(api.requests).toHaveLength(5)
    const sent = api.lines()
    const written = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(sent.map((l) => l.sourceId)).toEqual(written.map((l) => l.sourceId))
    expect(sent[0]).toEqual({
      ...written[0],
      page: written[0].page.replace('wpthemetestdata.wordpress.com', 'b.example'),
    })
  })

  it('stops before sending anything when an NDJSON line is not JSON', async () => {
    const api = await server()
    const file = await tempFile('cut.ndjson', '{"source":"parley","sourceId":"1"}\n{"source":"par')
    const { status, stderr } = await runCli(['import', 'ndjson', file, '--api', api.url, '--site', 'blog'])
    expect(status).toBe(1)
    expect(stderr).toContain(`parley: ${file}:2: not a JSON line`)
    expect(api.requests).toHaveLength(0)
  })

  it('asks for the key when there is neither PARLEY_ADMIN_KEY nor a terminal: fails, sends nothing', async () => {
    const api = await server()
    const { status, stderr } = await runCli(importArgs(api.url), { env: {} })
    expect(status).toBe(1)
    expect(stderr).toContain('parley: no admin key: set PARLEY_ADMIN_KEY')
    expect(api.requests).toHaveLength(0)
  })

  it('asks for the key on a terminal without echoing it', async () => {
    const api = await server()
    const stdin = Object.assign(new PassThrough(), { isTTY: true })
    setTimeout(() => stdin.write('typed-secret\r'), 20)
    const { status, stderr } = await runCli(importArgs(api.url), { env: {}, stdin })
    expect(status).toBe(0)
    expect(stderr).toContain('Admin key (input hidden): \n')
    expect(stderr).not.toContain('typed-secret')
    expect(api.requests[0]?.headers.authorization).toBe('Bearer typed-secret')
  })

  it('stops, sending nothing, when the key prompt is cancelled with Ctrl-C', async () => {
    const api = await server()
    const stdin = Object.assign(new PassThrough(), { isTTY: true })
    setTimeout(() => stdin.write('\x03'), 20)
    const { status, stderr } = await runCli(importArgs(api.url), { env: {}, stdin })
    expect(status).toBe(1)
    expect(stderr).toContain('parley: cancelled: no admin key given')
    expect(api.requests).toHaveLength(0)
  })

  it('rejects bad options before reading anything', async () => {
    expect((await runCli(['import', 'wordpress', THEME, '--site', 'blog'])).stderr).toContain(
      '--api <url> is required',
    )
    expect((await runCli(importArgs('http://x', '--batch', '1001'))).stderr).toContain('--batch 1001')
    expect((await runCli(importArgs('http://x', '--map-origin', 'nope'))).stderr).toContain(
      '--map-origin nope',
    )
    expect((await runCli(['import', 'blogger', THEME])).status).toBe(1)
  })
})

describe('the parley command itself (bin shim, tsx)', () => {
  const bin = fileURLToPath(new URL('../../functions/cli/parley.mjs', import.meta.url))

  async function parley(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    const [code] = await once(child, 'exit')
    return { code: code as number, stdout, stderr }
  }

  it('prints its usage', async () => {
    const { code, stdout } = await parley(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('parley import wordpress <export.xml> --api <url> --site <id>')
  })

  it('fails on the truncated export with a clear error and sends nothing', async () => {
    const api = await server()
    const file = fixture('wordpress/malformed-simple.xml')
    const { code, stderr } = await parley(['import', 'wordpress', file, '--api', api.url, '--site', 'blog'], {
      PARLEY_ADMIN_KEY: 'k',
    })
    expect(code).toBe(1)
    expect(stderr).toContain(
      `parley: ${file}:14:0: not well-formed XML (unclosed tag: item): the export is truncated or damaged`,
    )
    expect(stderr).not.toContain('    at ')
    expect(api.requests).toHaveLength(0)
  })
})
