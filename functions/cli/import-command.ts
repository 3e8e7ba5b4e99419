import { adminKey } from './admin-key.js'
import type { Command } from './args.js'
import { type Checkpoint, openCheckpoint } from './checkpoint.js'
import { type CliContext, httpClient, writeOut } from './cli-context.js'
import { ConversionReport } from './import/conversion-report.js'
import { convertDisqus } from './import/disqus.js'
import { indexDisqus } from './import/disqus-index.js'
import type { ImportComment } from './import/import-comment.js'
import { readNdjson } from './import/ndjson.js'
import { convertWordPress } from './import/wordpress.js'
import { Progress } from './progress.js'
import { sendImport } from './send-import.js'

type ImportCommand = Extract<Command, { name: 'import' }>

const KINDS = { wordpress: 'WordPress export', disqus: 'Disqus export', ndjson: 'NDJSON import lines' }

/** Warnings printed one by one; the rest are only counted. */
const SHOWN_WARNINGS = 50

interface Converter {
  /** Reads the whole export once, so a damaged file fails before anything is sent; how many lines follow. */
  prepare(): Promise<number>
  lines(): AsyncIterable<ImportComment>
}

/**
 * `parley import wordpress|disqus <file>`: reads the export through once (it must be whole and
 * well-formed), then converts it again as it sends, batch after batch. Returns the exit status.
 * @throws CliError, ExportFileError before anything was sent; CliError when the server refuses a batch
 */
export async function importCommand(command: ImportCommand, context: CliContext): Promise<number> {
  const { stderr } = context
  const key = command.dryRun ? '' : await adminKey(context.env, context.stdin, stderr)
  const report = new ConversionReport((message) => {
    if (report.warnings <= SHOWN_WARNINGS) stderr.write(`warning: ${message}\n`)
  })
  const converter = converterFor(command, report, (message) => stderr.write(`${message}\n`))
  stderr.write(`Reading ${command.file} (${KINDS[command.kind]})…\n`)
  const total = await converter.prepare()
  const hidden = report.warnings - SHOWN_WARNINGS
  if (hidden > 0) stderr.write(`(${hidden} more warnings not shown)\n`)
  stderr.write(`${command.file}: ${total} comments to import; ${report.describeSkipped()}.\n`)
  if (report.localTimes > 0) {
    stderr.write(`${report.localTimes} comments had no GMT time: their local time was taken as UTC.\n`)
  }

  if (command.dryRun) {
    for await (const line of converter.lines()) await writeOut(context.stdout, `${JSON.stringify(line)}\n`)
    return 0
  }

  const progress = new Progress(stderr, total)
  const http = httpClient(context, (reason, ms) => progress.log(`${reason}: trying again in ${ms} ms`))
  const checkpoint = await checkpointFor(command)
  if (checkpoint && checkpoint.batchesDone > 0) {
    progress.log(`Resuming: ${checkpoint.batchesDone} batches were acknowledged by an earlier run.`)
  }
  const result = await sendImport(converter.lines(), {
    url: `${command.api}/v1/admin/sites/${command.site}/import`,
    adminKey: key,
    batchLines: command.batch,
    http,
    progress,
    checkpoint,
  })
  progress.end()
  await checkpoint?.remove()
  stderr.write(
    `Done: ${result.sent} lines sent, ${result.imported} imported, ${result.skipped} already there, ${result.errors} refused.\n`,
  )
  if (result.errorCodes.size > 0) {
    stderr.write(
      `Refused lines by reason: ${[...result.errorCodes].map(([c, n]) => `${c} ${n}`).join(', ')}\n`,
    )
    if (result.errorCodes.has('page-not-on-site')) {
      stderr.write(
        "Hint: add the blog's origin to the site's origins, or move pages with --map-origin old=new.\n",
      )
    }
  }
  return result.errors > 0 ? 2 : 0
}

function converterFor(command: ImportCommand, report: ConversionReport, say: (m: string) => void): Converter {
  const { file, mappings } = command
  if (command.kind === 'ndjson') {
    return {
      async prepare() {
        let count = 0
        for await (const _ of readNdjson(file, mappings)) count++
        return count
      },
      lines: () => readNdjson(file, mappings),
    }
  }
  if (command.kind === 'wordpress') {
    return {
      async prepare() {
        let count = 0
        for await (const _ of convertWordPress(file, { mappings, report })) count++
        return count
      },
      // Warnings were given while preparing; the second read is silent.
      lines: () => convertWordPress(file, { mappings, report: new ConversionReport() }),
    }
  }
  let index: Awaited<ReturnType<typeof indexDisqus>> | undefined
  return {
    async prepare() {
      index = await indexDisqus(file, mappings, report)
      return index.importable
    },
    lines() {
      if (!index) throw new Error('prepare() first')
      return convertDisqus(file, index, {
        onPass: (pass) => pass > 1 && say(`Pass ${pass} over the file: replies listed before their parents.`),
      })
    },
  }
}

function checkpointFor(command: ImportCommand): Promise<Checkpoint> | undefined {
  if (!command.progressFile) return undefined
  const { kind, api, site, mappings, batch } = command
  return openCheckpoint(command.progressFile, command.file, { kind, api, site, mappings, batch })
}
