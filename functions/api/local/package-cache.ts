import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** Where Parley keeps what it downloads: `${PARLEY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/parley}`. */
const cacheRoot = () =>
  process.env.PARLEY_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'parley')

export interface CachedPackage {
  /** What `npm pack` fetches: `name@version`. */
  spec: string
  /** The folder under the cache root it is unpacked into, once. */
  folder: string
  /** The part of the tarball to keep, e.g. `package/emulator/`; it becomes the folder. */
  keep: string
  /** A file inside the folder whose presence means the folder is complete. */
  marker: string
}

/**
 * Returns the folder holding `keep` of the npm package `spec`, downloading and unpacking it once
 * (`npm pack` runs no install scripts). Safe to call concurrently.
 * @throws if `npm pack` or `tar` fails.
 */
export async function ensureCachedPackage({ spec, folder, keep, marker }: CachedPackage): Promise<string> {
  const root = cacheRoot()
  const dir = join(root, folder)
  if (existsSync(join(dir, marker))) return dir
  await mkdir(root, { recursive: true })
  const tmp = await mkdtemp(join(root, '.tmp-')) // same filesystem as `dir`, so rename is atomic
  try {
    const { stdout } = await run('npm', ['pack', spec, '--silent', '--pack-destination', tmp])
    const tarball = join(tmp, stdout.trim().split('\n').pop() ?? '')
    const staged = join(tmp, 'unpacked')
    await mkdir(staged)
    const depth = keep.split('/').filter(Boolean).length
    await run('tar', ['-xzf', tarball, '-C', staged, `--strip-components=${depth}`, keep])
    try {
      await rename(staged, dir)
    } catch (error) {
      if (!existsSync(join(dir, marker))) throw error // otherwise a concurrent process won
    }
    return dir
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}
