import { loadOnce } from '../load-once.js'

// Not a string literal, so no bundler follows it: esbuild itself never ends up inside the Lambda.
const BUILD_MODULE = new URL('../../admin/build.ts', import.meta.url).href

/**
 * The moderation page's script (`functions/admin`): the copy the Lambda build inlined, else built
 * from its sources once per process (local mode and tests; on first use, never at start-up).
 */
export const adminScript = loadOnce(
  async (): Promise<string> =>
    (await import('../inlined-admin-script.js')).inlinedAdminScript ??
    (await (
      (await import(/* @vite-ignore */ BUILD_MODULE)) as typeof import('../../admin/build.js')
    ).buildAdminScript()),
)
