import { once } from 'node:events'
import type { Input } from './admin-key.js'
import { DEFAULT_RETRY, type HttpClient, type RetryPolicy } from './http.js'
import type { Output } from './progress.js'

/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliContext {
  env: Record<string, string | undefined>
  stdin: Input
  stdout: Output
  stderr: Output
  fetch?: typeof fetch
  /** Tests shorten the waits. */
  retry?: Partial<RetryPolicy>
}

export function httpClient(context: CliContext, onRetry: HttpClient['onRetry']): HttpClient {
  return {
    fetch: context.fetch ?? fetch,
    retry: { ...DEFAULT_RETRY, ...context.retry },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onRetry,
  }
}

/** Writes and waits when the reader is slower (a pipe to gzip, a slow disk), so memory stays flat. */
export async function writeOut(out: Output, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain')
}
