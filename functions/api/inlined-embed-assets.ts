import type { EmbedAssets } from '../embed/build.js'

/**
 * The widget's scripts when inlined into a bundle: the Lambda build (`functions/api/build.ts`)
 * replaces this module with one exporting them. A module of its own, imported when a script is
 * first asked for, so their text stays out of the cold start. Unbundled (local mode, tests): none.
 */
export const inlinedEmbedAssets: EmbedAssets | undefined = undefined
