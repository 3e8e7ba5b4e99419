import { join } from 'node:path'
import { ensureCachedPackage } from '../functions/api/local/package-cache.js'

/**
 * The Node.js release that plays Lambda on this machine: the asset tests and the cold-start
 * benchmarks run the built function on it. Its major is the function's runtime's (`API_RUNTIME`,
 * nodejs24.x); the asset test keeps the two in step.
 */
export const LAMBDA_NODE_VERSION = '24.21.0'

/** `v24.21.0` → 24 */
export const majorOf = (version: string) => Number(version.replace(/^v/, '').split('.')[0])

/**
 * The path of a `node` of Lambda's major version: `LAMBDA_NODE` when set; this process's own when
 * it is that major already; else, on Linux, the binary the npm package `node-linux-<arch>` carries
 * in its tarball (no install script), unpacked once into Parley's cache like DynamoDB Local.
 * @throws on another OS: npm has no such package for current macOS releases
 */
export async function lambdaNode(): Promise<string> {
  const major = majorOf(LAMBDA_NODE_VERSION)
  if (process.env.LAMBDA_NODE) return process.env.LAMBDA_NODE
  if (majorOf(process.version) === major) return process.execPath
  if (process.platform !== 'linux') {
    throw new Error(`The function runs on Node ${major} in Lambda: set LAMBDA_NODE to a Node ${major}.`)
  }
  const name = `node-linux-${process.arch}`
  const dir = await ensureCachedPackage({
    spec: `${name}@${LAMBDA_NODE_VERSION}`,
    folder: `${name}-${LAMBDA_NODE_VERSION}`,
    keep: 'package/bin/',
    marker: 'node',
  })
  return join(dir, 'node')
}
