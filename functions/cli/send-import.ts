import type { Checkpoint } from './checkpoint.js'
import { failWith, fetchWithRetry, type HttpClient } from './http.js'
import { type ImportComment, MAX_BATCH_BYTES } from './import/import-comment.js'
import type { ImportTotals, Progress } from './progress.js'

export interface SendOptions {
  /** `{api}/v1/admin/sites/{site}/import` */
  url: string
  adminKey: string
  batchLines: number
  http: HttpClient
  progress: Progress
  checkpoint: Checkpoint | undefined
  /** Per-line errors printed one by one; beyond, only counted by code. */
  printErrors?: number
}

interface ImportAnswer {
  imported: number
  skipped: number
  errors: { line: number; code: string; detail?: string }[]
}

export interface SendResult extends ImportTotals {
  errorCodes: Map<string, number>
  /** Lines an earlier run had sent (with `--progress-file`). */
  resumedLines: number
}

/**
 * Sends import lines in order, in batches of at most `batchLines` lines and 5 MiB, one batch at a time:
 * a reply may only follow a batch holding its parent. Per-line errors are printed and counted; they
 * never stop the import. A batch the server refuses whole stops it (after the retries).
 * @throws CliError when a batch is refused or the server stays unreachable
 */
export async function sendImport(
  lines: AsyncIterable<ImportComment>,
  options: SendOptions,
): Promise<SendResult> {
  const { checkpoint, progress } = options
  const result: SendResult = {
    ...(checkpoint?.totals ?? { sent: 0, imported: 0, skipped: 0, errors: 0 }),
    errorCodes: new Map(),
    resumedLines: 0,
  }
  let printed = 0
  const lineError = (line: number, id: string, code: string, detail: string | undefined) => {
    result.errors++
    result.errorCodes.set(code, (result.errorCodes.get(code) ?? 0) + 1)
    if (printed++ < (options.printErrors ?? 100)) {
      progress.log(`line ${line} (${id}): ${code}${detail ? `: ${detail}` : ''}`)
    }
  }
  let batch = { json: [] as string[], ids: [] as string[], bytes: 0 }
  let batchNumber = 0
  let linesBefore = 0

  const flush = async () => {
    if (batch.json.length === 0) return
    const { json, ids } = batch
    batch = { json: [], ids: [], bytes: 0 }
    batchNumber++
    const first = linesBefore + 1
    linesBefore += json.length
    if (checkpoint && batchNumber <= checkpoint.batchesDone) {
      result.resumedLines += json.length
      return
    }
    const res = await fetchWithRetry(
      options.url,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.adminKey}`, 'Content-Type': 'application/x-ndjson' },
        body: `${json.join('\n')}\n`,
      },
      options.http,
    )
    if (res.status !== 200) {
      await failWith(res, `batch ${batchNumber} (lines ${first}-${linesBefore}) was refused`)
    }
    const answer = (await res.json()) as ImportAnswer
    result.sent += json.length
    result.imported += answer.imported
    result.skipped += answer.skipped
    for (const { line, code, detail } of answer.errors) {
      lineError(first + line - 1, ids[line - 1] ?? '?', code, detail)
    }
    const { sent, imported, skipped, errors } = result
    await checkpoint?.save(batchNumber, { sent, imported, skipped, errors })
    progress.update(result)
  }

  for await (const line of lines) {
    const json = JSON.stringify(line)
    const bytes = Buffer.byteLength(json) + 1
    if (bytes > MAX_BATCH_BYTES) {
      // Never sent: the server would refuse the whole request. It keeps its place in the numbering.
      await flush()
      lineError(++linesBefore, `${line.source} ${line.sourceId}`, 'line-too-large', `${bytes} bytes`)
      continue
    }
    if (batch.json.length >= options.batchLines || batch.bytes + bytes > MAX_BATCH_BYTES) await flush()
    batch.json.push(json)
    batch.ids.push(`${line.source} ${line.sourceId}`)
    batch.bytes += bytes
  }
  await flush()
  return result
}
