import { PassThrough } from 'node:stream'
import type { CliContext } from '../../functions/cli/cli-context.js'
import { main } from '../../functions/cli/main.js'

/** Tiny waits: a backoff of ~1 ms, and one second of Retry-After worth 20 ms. */
export const FAST_RETRY = { baseMs: 1, retryAfterUnitMs: 20, timeoutMs: 5_000 }

/** Runs the CLI in-process as `parley …args`, with stdin not a terminal; returns its status and output. */
export async function runCli(args: string[], options: Partial<CliContext> = {}) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  // Bytes, decoded at the end: a chunk may end inside a UTF-8 character.
  const out: Buffer[] = []
  const err: Buffer[] = []
  stdout.on('data', (chunk: Buffer) => void out.push(chunk))
  stderr.on('data', (chunk: Buffer) => void err.push(chunk))
  const stdin = new PassThrough()
  const status = await main(args, {
    env: { PARLEY_ADMIN_KEY: 'test-admin-key' },
    stdin,
    stdout,
    stderr,
    retry: FAST_RETRY,
    ...options,
  })
  return { status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }
}
