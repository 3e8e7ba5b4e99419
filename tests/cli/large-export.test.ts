import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSyntheticWxr } from './synthetic-export.js'

const COMMENTS = 100_000
/** Far below what 100,000 comments take when held at once (their bodies alone are ~45 MB of text). */
const HEAP_MB = 64
/**
 * The young generation as Node 20 sizes it. Node 24's V8 lets it grow much larger by default (this
 * conversion then peaked at 230 MB resident instead of 134 MB), which says nothing about streaming.
 */
const YOUNG_GENERATION = '--max-semi-space-size=16'
const bin = fileURLToPath(new URL('../../functions/cli/parley.mjs', import.meta.url))

/** Peak resident memory of a running process (Linux), read until it exits. */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
}

describe('a 100,000-comment WordPress export', () => {
  let dir: string
  let file: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-large-'))
    file = join(dir, 'large.xml')
    await writeSyntheticWxr(file, COMMENTS)
  }, 120_000)
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it(`converts in a ${HEAP_MB} MB heap, every line out, parents first`, async () => {
    expect((await stat(file)).size).toBeGreaterThan(80_000_000)
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, YOUNG_GENERATION, bin, 'import', 'wordpress', file, '--dry-run'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let peak = 0
    const poll = setInterval(async () => {
      peak = Math.max(peak, await peakRssMb(child.pid ?? 0))
    }, 100)
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const seen = new Set<string>()
    let outOfOrder = 0
    for await (const text of createInterface({ input: child.stdout })) {
      const line = JSON.parse(text) as { sourceId: string; parentSourceId: string | null }
      if (line.parentSourceId !== null && !seen.has(line.parentSourceId)) outOfOrder++
      seen.add(line.sourceId)
    }
    const [code] = await once(child, 'exit')
    clearInterval(poll)
    expect(stderr).toContain(`${COMMENTS} comments to import; skipped nothing.`)
    expect(code).toBe(0)
    expect(seen.size).toBe(COMMENTS)
    expect(outOfOrder).toBe(0)
    // Node, tsx and a 64 MB heap: the resident set stays well under the file's 89 MB.
    if (peak > 0) expect(peak).toBeLessThan(200)
  }, 300_000)
})
