import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { CliError } from './cli-error.js'
import type { Output } from './progress.js'

export type Input = NodeJS.ReadableStream & { isTTY?: boolean }

/**
 * The admin key: `PARLEY_ADMIN_KEY`, else asked for on the terminal without echoing it (readline
 * writes its echo to a stream that drops it). Never taken from the command line, where it would
 * land in the shell's history and in `ps`.
 * @throws CliError when there is neither the variable nor a terminal to ask on
 */
export async function adminKey(env: Record<string, string | undefined>, stdin: Input, stderr: Output) {
  const fromEnv = env.PARLEY_ADMIN_KEY?.trim()
  if (fromEnv) return fromEnv
  if (!stdin.isTTY) {
    throw new CliError('no admin key: set PARLEY_ADMIN_KEY (or run in a terminal to be asked for it)')
  }
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() })
  const rl = createInterface({ input: stdin, output: silent, terminal: true })
  stderr.write('Admin key (input hidden): ')
  const key = await new Promise<string>((resolve, reject) => {
    let answered = false
    rl.on('SIGINT', () => rl.close())
    rl.on('close', () => answered || reject(new CliError('cancelled: no admin key given')))
    rl.question('', (answer) => {
      answered = true
      resolve(answer)
    })
  }).finally(() => rl.close())
  stderr.write('\n')
  if (!key.trim()) throw new CliError('no admin key given')
  return key.trim()
}
