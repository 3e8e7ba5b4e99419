import { mkdir, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import type { Command } from './args.js'
import { type CliContext, httpClient } from './cli-context.js'
import { CliError } from './cli-error.js'
import { failWith, fetchWithRetry } from './http.js'
import { snapshotFileName } from './snapshot-file-name.js'

/** Where the fragment's root says how many comments the page has. */
const COUNT = /<section [^>]*\bdata-count="(\d+)"/

/**
 * `parley snapshot`: each page's `comments.html` fragment, fetched over HTTP, written to one file
 * per page (`snapshot-file-name.ts`) for a static site generator to include at build time. Every
 * name is checked before anything is fetched; a page the API refuses stops the run.
 * @throws CliError when two pages would share a file, or the API refuses or stays unreachable
 */
export async function snapshotCommand(command: Extract<Command, { name: 'snapshot' }>, context: CliContext) {
  const { stderr } = context
  const dir = resolve(command.out)
  const files = new Map<string, string>()
  for (const page of command.pages) {
    const name = snapshotFileName(page)
    const taken = files.get(name)
    if (taken !== undefined && taken !== page)
      throw new CliError(`--page ${page} and --page ${taken} would both be written to ${name}`)
    files.set(name, page)
  }
  const http = httpClient(context, (reason, ms) => stderr.write(`${reason}: trying again in ${ms} ms\n`))
  await mkdir(dir, { recursive: true })
  for (const [name, page] of files) {
    const path = join(dir, name)
    // The name cannot leave the directory (it has no separator); checked again where it is used.
    if (relative(dir, path).includes('/') || relative(dir, path).startsWith('..'))
      throw new CliError(`refusing to write outside ${dir}: ${name}`)
    const url = `${command.api}/v1/sites/${command.site}/comments.html?page=${encodeURIComponent(page)}`
    const res = await fetchWithRetry(url, {}, http)
    if (res.status !== 200) return failWith(res, `the comments of ${page} were refused`)
    if (!res.headers.get('content-type')?.startsWith('text/html'))
      throw new CliError(`${url} answered ${res.headers.get('content-type')}, not the fragment`)
    const html = await res.text()
    await writeFile(path, html)
    const count = COUNT.exec(html)?.[1] ?? '?'
    stderr.write(`Wrote ${path} (${count} comment${count === '1' ? '' : 's'} of ${page}).\n`)
  }
  return 0
}
