import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { Metafile } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildLambda, ENTRY_FILE } from '../../functions/api/build.js'

let outdir: string
let metafile: Metafile
let entry: string

beforeAll(async () => {
  outdir = await mkdtemp(join(tmpdir(), 'parley-chunks-'))
  const built = await buildLambda({ outdir })
  metafile = built.metafile
  entry = relative(process.cwd(), join(outdir, ENTRY_FILE))
}, 120_000)
afterAll(() => rm(outdir, { recursive: true, force: true }))

/** The output files a cold start loads: the entry and what it reaches by static imports. */
function eagerOutputs(): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const i of metafile.outputs[file]?.imports ?? [])
      if (i.kind === 'import-statement' && !i.external) visit(i.path)
  }
  visit(entry)
  return [...seen]
}

const ownInputs = (file: string) =>
  Object.keys(metafile.outputs[file]?.inputs ?? {}).filter((input) => !input.includes('node_modules/'))

describe('the Lambda build', () => {
  it("loads all of Parley's eager code from one chunk beside the entry, whatever the lazy chunks share", () => {
    const eager = eagerOutputs()
    expect(eager).toContain(entry)
    const withOwnCode = eager.filter((file) => ownInputs(file).length > 0)
    expect(withOwnCode.filter((file) => file !== entry)).toHaveLength(1)
    // The lazy routes still are not in it.
    const eagerInputs = new Set(eager.flatMap(ownInputs))
    expect(eagerInputs.has('functions/api/routes/on-demand.ts')).toBe(false)
    expect(eagerInputs.has('shared/markdown/render-markdown.ts')).toBe(false)
    expect(eagerInputs.has('functions/api/app.ts')).toBe(true)
  })
})
