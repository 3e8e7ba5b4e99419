/**
 * Bundles the moderation page's script, `src/admin.ts` → one minified IIFE, with the widget's
 * esbuild step (`functions/browser/build.ts`). The page inlines it with its CSP nonce
 * (`functions/api/admin-page/admin-script.ts`): the Lambda build inlines it at build time, local
 * mode and the tests build it on first use.
 */
import { fileURLToPath } from 'node:url'
import { bundleScripts } from '../browser/build.js'

const ENTRY = fileURLToPath(new URL('./src/admin.ts', import.meta.url))

/** The page's script as minified text, built in memory. */
export async function buildAdminScript(): Promise<string> {
  return (await bundleScripts({ admin: ENTRY })).admin
}
