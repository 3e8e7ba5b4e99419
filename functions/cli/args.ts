import { parseArgs } from 'node:util'
import { CliError } from './cli-error.js'
import { MAX_BATCH_LINES } from './import/import-comment.js'
import { type OriginMapping, parseOriginMapping } from './import/page-url.js'

export const USAGE = `Usage:
  parley import wordpress <export.xml> --api <url> --site <id> [options]
  parley import disqus <export.xml> --api <url> --site <id> [options]
  parley import ndjson <site.ndjson> --api <url> --site <id> [options]   (what export wrote)
  parley export --api <url> --site <id> > site.ndjson
  parley snapshot --api <url> --site <id> --page <url> [--page <url>…] [--out <dir>]
                           each page's comments as HTML, one file a page in <dir>
                           (default ./parley-snapshots), for a static site to include

Import options:
  --map-origin <old=new>   pages under <old> are imported under <new> (repeatable), e.g.
                           --map-origin http://old.example=https://blog.example
  --batch <n>              lines per request, 1 to 1000 (default 500)
  --dry-run                write the NDJSON lines to stdout instead of sending them
  --progress-file <path>   remember acknowledged batches there; a re-run after an
                           interruption skips them (re-sending is harmless, only slower)

The admin key is read from PARLEY_ADMIN_KEY, or asked for on the terminal.
Exit status: 0 done, 1 failed (nothing more was sent), 2 done but some lines were refused.`

export type Command =
  | { name: 'help' }
  | { name: 'export'; api: string; site: string }
  | { name: 'snapshot'; api: string; site: string; pages: string[]; out: string }
  | {
      name: 'import'
      kind: 'wordpress' | 'disqus' | 'ndjson'
      file: string
      api: string
      site: string
      mappings: OriginMapping[]
      batch: number
      dryRun: boolean
      progressFile: string | undefined
    }

/**
 * Reads the command line.
 * @throws CliError naming what is wrong, for the user
 */
export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new CliError((error as Error).message)
  }
  const { values, positionals } = parsed
  const [name, kind, file, ...extra] = positionals
  if (values.help || name === undefined || name === 'help') return { name: 'help' }
  if (name === 'export') {
    if (kind !== undefined) throw new CliError(`export takes no argument (got "${kind}")`)
    return { name, api: api(values.api), site: site(values.site) }
  }
  if (name === 'snapshot') {
    if (kind !== undefined)
      throw new CliError(`snapshot takes no argument (got "${kind}"); pages go in --page`)
    const pages = values.page ?? []
    if (pages.length === 0) throw new CliError('--page <url> is required: a page whose comments to write')
    return {
      name,
      api: api(values.api),
      site: site(values.site),
      pages,
      out: values.out ?? 'parley-snapshots',
    }
  }
  if (name !== 'import') throw new CliError(`unknown command "${name}"; try parley --help`)
  if (kind !== 'wordpress' && kind !== 'disqus' && kind !== 'ndjson') {
    throw new CliError('import what? parley import wordpress|disqus|ndjson <file>')
  }
  if (!file || extra.length > 0) throw new CliError(`import ${kind} takes one export file`)
  const dryRun = values['dry-run'] ?? false
  return {
    name,
    kind,
    file,
    api: dryRun && values.api === undefined ? '' : api(values.api),
    site: dryRun && values.site === undefined ? '' : site(values.site),
    mappings: (values['map-origin'] ?? []).map((value) => {
      try {
        return parseOriginMapping(value)
      } catch (error) {
        throw new CliError((error as Error).message)
      }
    }),
    batch: batch(values.batch),
    dryRun,
    progressFile: values['progress-file'],
  }
}

const parse = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      api: { type: 'string' },
      site: { type: 'string' },
      'map-origin': { type: 'string', multiple: true },
      batch: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'progress-file': { type: 'string' },
      page: { type: 'string', multiple: true },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })

function api(value: string | undefined): string {
  if (!value) throw new CliError('--api <url> is required: the URL of your Parley API')
  const url = URL.parse(value)
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new CliError(`--api ${value}: not an http(s) URL`)
  }
  return url.href.replace(/\/+$/, '')
}

function site(value: string | undefined): string {
  if (!value) throw new CliError('--site <id> is required: the id of the site')
  if (!/^[a-z0-9-]{2,64}$/.test(value)) throw new CliError(`--site ${value}: not a site id ([a-z0-9-]{2,64})`)
  return value
}

function batch(value: string | undefined): number {
  if (value === undefined) return 500
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH_LINES) {
    throw new CliError(`--batch ${value}: a whole number from 1 to ${MAX_BATCH_LINES}`)
  }
  return n
}
