import { adminKey } from './admin-key.js'
import type { Command } from './args.js'
import { type CliContext, httpClient, writeOut } from './cli-context.js'
import { failWith, fetchWithRetry } from './http.js'

/**
 * `parley export`: streams the site's NDJSON export to stdout as it arrives, never holding it whole.
 * @throws CliError when the server refuses or stays unreachable
 */
export async function exportCommand(command: Extract<Command, { name: 'export' }>, context: CliContext) {
  const { stderr } = context
  const key = await adminKey(context.env, context.stdin, stderr)
  const http = httpClient(context, (reason, ms) => stderr.write(`${reason}: trying again in ${ms} ms\n`))
  const url = `${command.api}/v1/admin/sites/${command.site}/export`
  const res = await fetchWithRetry(url, { headers: { Authorization: `Bearer ${key}` } }, http)
  if (res.status !== 200 || !res.body) return failWith(res, 'the export was refused')
  let lines = 0
  let last = 10
  for await (const chunk of res.body) {
    for (const byte of chunk) if (byte === 10) lines++
    if (chunk.length > 0) last = chunk[chunk.length - 1] ?? last
    await writeOut(context.stdout, chunk)
  }
  if (last !== 10) lines++
  stderr.write(`Exported ${lines} comments of site ${command.site}.\n`)
  return 0
}
