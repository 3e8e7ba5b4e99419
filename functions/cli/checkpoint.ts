import { createHash } from 'node:crypto'
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { ImportTotals } from './progress.js'

/**
 * `--progress-file`: which batches the server acknowledged, so a run after an interruption skips them
 * instead of sending them again. Re-sending would be safe anyway (the import is idempotent by source
 * id); this only saves the time. It applies only to the same file, unchanged, with the same options.
 */
export interface Checkpoint {
  batchesDone: number
  totals: ImportTotals
  save(batchesDone: number, totals: ImportTotals): Promise<void>
  /** After a complete run: nothing left to resume. */
  remove(): Promise<void>
}

interface Saved {
  fingerprint: string
  batchesDone: number
  totals: ImportTotals
}

const EMPTY: ImportTotals = { sent: 0, imported: 0, skipped: 0, errors: 0 }

export async function openCheckpoint(path: string, input: string, options: unknown): Promise<Checkpoint> {
  const file = await stat(input)
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([resolve(input), file.size, file.mtimeMs, options]))
    .digest('hex')
  const saved = await readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as Saved,
    () => undefined,
  )
  const resumed = saved?.fingerprint === fingerprint ? saved : undefined
  return {
    batchesDone: resumed?.batchesDone ?? 0,
    totals: resumed?.totals ?? EMPTY,
    async save(batchesDone, totals) {
      const next: Saved = { fingerprint, batchesDone, totals }
      await writeFile(`${path}.tmp`, JSON.stringify(next))
      await rename(`${path}.tmp`, path)
    },
    remove: () => rm(path, { force: true }),
  }
}
