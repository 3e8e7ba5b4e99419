import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { bodyOf } from '../helpers/route-contract.js'

// `npm start` as a newcomer runs it: its own DynamoDB Local, the demo site, the demo page. Two at
// once must not collide, and stopping one must leave no java behind.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const LOCAL_ENTRY = join(repoRoot, 'functions/api/local.ts')
const running: { child: ChildProcess; dataDir: string }[] = []

async function startLocal(): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-local-'))
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir }
  for (const name of ['PORT', 'DYNAMODB_ENDPOINT', 'TABLE_NAME', 'PARLEY_SECRET', 'ADMIN_KEY'])
    delete env[name]
  const child = spawn(process.execPath, ['--import', 'tsx', LOCAL_ENTRY], { cwd: repoRoot, env })
  running.push({ child, dataDir })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      const line = output.split('\n').find((l) => l.includes('"Parley is running"'))
      if (line) resolve(JSON.parse(line).url)
    })
    child.once('exit', (code) => reject(new Error(`local mode exited with ${code}: ${output}`)))
  })
  return { url, child, dataDir }
}

/** Processes whose command line names the data dir: the DynamoDB Local of that instance. */
const processesUsing = (dataDir: string) => {
  try {
    return execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).trim()
  } catch {
    return '' // pgrep exits 1 when nothing matches
  }
}

afterAll(async () => {
  for (const { child, dataDir } of running) {
    if (child.exitCode === null) child.kill('SIGKILL')
    await rm(dataDir, { recursive: true, force: true })
  }
})

describe('local mode (npm start)', () => {
  it('runs twice side by side on free ports, serves the demo, lists a posted comment, leaves no java', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = await Promise.all([startLocal(), startLocal()])
    expect(a.url).not.toBe(b.url)
    for (const { url, dataDir } of [a, b]) {
      expect(url).toMatch(/^http:\/\/localhost:\d+$/)
      const demo = await fetch(`${url}/`)
      expect(demo.status).toBe(200)
      expect(await demo.text()).toContain('<script src="/embed.js" data-site="demo"')
      const page = `${url}/`
      const posted = await fetch(`${url}/v1/sites/demo/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ page, body: `Hello from **${dataDir}**`, author: { name: 'Ada' } }),
      })
      expect(posted.status).toBe(201)
      const list = await bodyOf(
        await fetch(`${url}/v1/sites/demo/comments?page=${encodeURIComponent(page)}`),
        'listComments',
        200,
      )
      expect(list.comments.map((c) => c.html)).toEqual([`<p>Hello from <strong>${dataDir}</strong></p>`])
      expect(processesUsing(dataDir)).not.toBe('')
    }
    for (const { child, dataDir } of [a, b]) {
      child.kill('SIGTERM')
      const [code] = await once(child, 'exit')
      expect(code).toBe(0)
      expect(processesUsing(dataDir)).toBe('')
    }
  })
})
