import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { snapshotFileName } from '../../functions/cli/snapshot-file-name.js'
import { serveApp } from '../admin-page/browser.js'
import { fragmentIds } from '../helpers/html-fragment.js'
import { createTestApp, ORIGIN, PAGE, postAsGuest } from '../helpers/test-app.js'
import { runCli } from './run-cli.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function served() {
  const t = await createTestApp()
  const server = await serveApp(t.app)
  const out = await mkdtemp(join(tmpdir(), 'parley-snapshot-'))
  cleanups.push(server.close, () => rm(out, { recursive: true, force: true }))
  return { ...t, base: server.base, out }
}

/** `parley snapshot --api <base> --site <site> --out <out> …rest`. */
const snapshot = (base: string, site: string, out: string, ...rest: string[]) =>
  runCli(['snapshot', '--api', base, '--site', site, '--out', out, ...rest])

describe('parley snapshot', () => {
  it("writes each page's fragment, as the API serves it, to one file a page", async () => {
    const { app, base, out } = await served()
    const { body: first } = await postAsGuest(app, { body: 'On the first post' })
    const other = `${ORIGIN}/2026/second/`
    const { body: second } = await postAsGuest(app, { page: other, body: 'On the second' })
    const { status, stderr } = await snapshot(
      base,
      'demo',
      out,
      '--page',
      PAGE,
      '--page',
      other,
      '--page',
      `${ORIGIN}/`,
    )
    expect([status, stderr]).toEqual([0, expect.stringContaining('(1 comment of')])
    expect((await readdir(out)).sort()).toEqual(['2026-hello-world.html', '2026-second.html', 'index.html'])
    const written = await readFile(join(out, '2026-hello-world.html'), 'utf8')
    const answer = await (
      await fetch(`${base}/v1/sites/demo/comments.html?page=${encodeURIComponent(PAGE)}`)
    ).text()
    expect(written).toBe(answer)
    expect(fragmentIds(written)).toEqual([first.comment.id])
    expect(fragmentIds(await readFile(join(out, '2026-second.html'), 'utf8'))).toEqual([second.comment.id])
    expect(fragmentIds(await readFile(join(out, 'index.html'), 'utf8'))).toEqual([])
  })

  it('writes to ./parley-snapshots by default', async () => {
    const { base, out } = await served()
    const cwd = process.cwd()
    process.chdir(out)
    try {
      const { status } = await runCli(['snapshot', '--api', base, '--site', 'demo', '--page', PAGE])
      expect(status).toBe(0)
      expect(await readdir(join(out, 'parley-snapshots'))).toEqual(['2026-hello-world.html'])
    } finally {
      process.chdir(cwd)
    }
  })

  it('fails with the problem, writing nothing more, when the API refuses a page', async () => {
    const { base, out } = await served()
    const unknown = await snapshot(base, 'nope', out, '--page', PAGE)
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toMatch(/^parley: the comments of .* were refused: 404 site-not-found/)
    const foreign = await snapshot(base, 'demo', out, '--page', 'https://evil.example/x')
    expect(foreign.status).toBe(1)
    expect(foreign.stderr).toContain('403 page-not-on-site')
    expect(await readdir(out)).toEqual([])
  })

  it('fails clearly without --page, with a bad URL, or when two pages would share a file', async () => {
    const { base, out } = await served()
    const cases: [string[], RegExp][] = [
      [[], /--page <url> is required/],
      [['--page', 'ftp://blog.example/x'], /not an absolute http\(s\) URL/],
      [['--page', `${ORIGIN}/a/b`, '--page', `${ORIGIN}/a-b`], /would both be written to a-b\.html/],
    ]
    for (const [extra, message] of cases) {
      const { status, stderr } = await snapshot(base, 'demo', out, ...extra)
      expect([extra, status]).toEqual([extra, 1])
      expect(stderr).toMatch(message)
    }
    expect(await readdir(out)).toEqual([])
  })

  it('fails after its retries when the API is unreachable', async () => {
    const { app, out } = await served()
    // A port that was just free: nothing listens there now.
    const gone = await serveApp(app)
    await gone.close()
    const { status, stderr } = await runCli(
      ['snapshot', '--api', gone.base, '--site', 'demo', '--page', PAGE, '--out', out],
      { retry: { attempts: 2, baseMs: 1, timeoutMs: 2000 } },
    )
    expect(status).toBe(1)
    expect(stderr).toMatch(/failed 2 times; last: ECONNREFUSED/)
  })
})

describe('snapshotFileName', () => {
  it('names a file inside the output directory for any URL, never a path out of it', () => {
    const hostile = [
      'https://blog.example/../../etc/passwd',
      'https://blog.example/%2e%2e/%2e%2e/etc/passwd',
      'https://blog.example/a/..%2f..%2fetc%2fpasswd',
      'https://blog.example/..\\..\\windows',
      'https://blog.example/.hidden',
      'https://blog.example/?p=../../x',
      'https://blog.example/%00/nul',
      `https://blog.example/${'a/'.repeat(300)}`,
      'https://blog.example/ü/日本',
    ]
    const dir = resolve('/tmp/out')
    for (const url of hostile) {
      const name = snapshotFileName(url)
      expect([url, name]).toEqual([url, expect.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,179}\.html$/)])
      expect(resolve(dir, name).startsWith(`${dir}${sep}`)).toBe(true)
    }
    expect(snapshotFileName('https://blog.example/2026/hello-world/')).toBe('2026-hello-world.html')
    expect(snapshotFileName('https://blog.example/?p=123')).toBe('p-123.html')
    expect(snapshotFileName('https://blog.example')).toBe('index.html')
  })
})
