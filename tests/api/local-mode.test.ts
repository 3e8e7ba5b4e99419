import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { processesUsing, startLocal as startServer } from '../helpers/local-server.js'
import { bodyOf } from '../helpers/route-contract.js'

// `npm start` as a newcomer runs it: its own DynamoDB Local, the demo site, the demo page. Two at
// once must not collide, and stopping one must leave no java behind.
const running: { child: ChildProcess; dataDir: string }[] = []

async function startLocal() {
  const server = await startServer()
  running.push(server)
  return server
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
