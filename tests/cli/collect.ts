import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConversionReport } from '../../functions/cli/import/conversion-report.js'
import { convertDisqus, type DisqusEmitOptions } from '../../functions/cli/import/disqus.js'
import { indexDisqus } from '../../functions/cli/import/disqus-index.js'
import type { ImportComment } from '../../functions/cli/import/import-comment.js'
import type { OriginMapping } from '../../functions/cli/import/page-url.js'
import { convertWordPress } from '../../functions/cli/import/wordpress.js'

/** Converts a whole WordPress export; returns the lines, the report and the warnings given. */
export async function wordpressLines(path: string, mappings: OriginMapping[] = []) {
  const warnings: string[] = []
  const report = new ConversionReport((w) => void warnings.push(w))
  const lines: ImportComment[] = []
  for await (const line of convertWordPress(path, { mappings, report })) lines.push(line)
  return { lines, report, warnings }
}

export async function disqusLines(
  path: string,
  options: DisqusEmitOptions = {},
  mappings: OriginMapping[] = [],
) {
  const warnings: string[] = []
  const report = new ConversionReport((w) => void warnings.push(w))
  const index = await indexDisqus(path, mappings, report)
  const lines: ImportComment[] = []
  const passes: number[] = []
  for await (const line of convertDisqus(path, index, { ...options, onPass: (p) => void passes.push(p) })) {
    lines.push(line)
  }
  return { lines, report, warnings, index, passes }
}

/** Writes `text` to a fresh temporary file; returns its path. */
export async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-cli-'))
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

/** Every reply comes after its parent, and every parent named is in the lines. */
export function parentsComeFirst(lines: ImportComment[]): boolean {
  const seen = new Set<string>()
  for (const line of lines) {
    if (line.parentSourceId !== null && !seen.has(line.parentSourceId)) return false
    seen.add(line.sourceId)
  }
  return true
}

export const byId = (lines: ImportComment[]) => new Map(lines.map((line) => [line.sourceId, line]))

/** How many ancestors a line has, itself counted: 1 for a top-level comment. */
export function depthOf(lines: ImportComment[], id: string): number {
  const ids = byId(lines)
  let depth = 0
  for (let at = ids.get(id); at; at = at.parentSourceId === null ? undefined : ids.get(at.parentSourceId))
    depth++
  return depth
}
