import { execFileSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AssetHashType, DockerImage } from 'aws-cdk-lib'
import { Code } from 'aws-cdk-lib/aws-lambda'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/**
 * The functions' build, by path only (infra never imports the product code):
 * `npx tsx functions/api/build.ts <outdir> [entry]` writes `index.mjs` and its chunks; the API's
 * handler (widget inlined) unless another entry is given.
 */
export const API_BUILD = fileURLToPath(new URL('../../functions/api/build.ts', import.meta.url))

/** The API's Lambda entry (`index.handler`, `index.streamHandler`). */
export const API_ENTRY = fileURLToPath(new URL('../../functions/api/handler.ts', import.meta.url))

/** The notifier's Lambda entry (`index.handler`): stream batches, webhook retries, digests, SES events. */
export const NOTIFIER_ENTRY = fileURLToPath(new URL('../../functions/notifier/handler.ts', import.meta.url))

/**
 * Code built on this machine by the API's own build script (esbuild, minified ESM, AWS SDK inside,
 * code splitting: what only some invocations need stays out of the cold start). `cdk synth` fails
 * if it fails; there is no Docker fallback. The asset's hash is that of the output, so an unchanged
 * build is not uploaded again.
 */
export function bundledCode(entry: string): Code {
  // The entry's folder is only the asset's source when bundling is skipped (template-only tests).
  return Code.fromAsset(dirname(entry), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Required by the type, never pulled: local bundling always answers.
      image: DockerImage.fromRegistry('local-bundling-only'),
      local: {
        tryBundle(outputDir) {
          const args = entry === API_ENTRY ? [] : [entry]
          execFileSync(process.execPath, ['--import', 'tsx', API_BUILD, outputDir, ...args], {
            cwd: repoRoot,
            stdio: 'pipe',
          })
          return true
        },
      },
    },
  })
}
