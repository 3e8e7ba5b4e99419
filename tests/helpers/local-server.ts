import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const LOCAL_ENTRY = join(repoRoot, 'functions/api/local.ts')

export interface LocalServer {
  url: string
  child: ChildProcess
  dataDir: string
  /** Everything it printed so far. */
  output: () => string
}

/**
 * `npm start` as a newcomer runs it, in a fresh data dir: its own DynamoDB Local, the demo site,
 * the notifier. `env` adds settings (SMTP_URL); the caller kills the child and removes the dir.
 */
export async function startLocal(env: Record<string, string> = {}): Promise<LocalServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-local-'))
  const childEnv: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, ...env }
  for (const name of ['PORT', 'DYNAMODB_ENDPOINT', 'TABLE_NAME', 'PARLEY_SECRET', 'ADMIN_KEY', 'SMTP_URL'])
    if (!(name in env)) delete childEnv[name]
  const child = spawn(process.execPath, ['--import', 'tsx', LOCAL_ENTRY], { cwd: repoRoot, env: childEnv })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      const line = output.split('\n').find((l) => l.includes('"Parley is running"'))
      if (line) resolve(JSON.parse(line).url)
    })
    child.once('exit', (code) => reject(new Error(`local mode exited with ${code}: ${output}`)))
  })
  return { url, child, dataDir, output: () => output }
}

/** Processes whose command line names the data dir: the DynamoDB Local of that instance. */
export const processesUsing = (dataDir: string) => {
  try {
    return execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).trim()
  } catch {
    return '' // pgrep exits 1 when nothing matches
  }
}
