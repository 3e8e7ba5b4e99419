import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A value kept in the data dir: read when present, else generated once and written (owner-only),
 * so restarts keep the same secret and admin key.
 */
export async function persistentValue(
  dataDir: string,
  name: string,
  generate: () => string,
): Promise<string> {
  const file = join(dataDir, name)
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  await mkdir(dataDir, { recursive: true })
  const value = generate()
  await writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' }).catch(
    async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err
    },
  )
  return (await readFile(file, 'utf8')).trim()
}

export const randomSecret = () => randomBytes(32).toString('base64url')
