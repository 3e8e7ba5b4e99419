import { createHash } from 'node:crypto'
import type { EmbedAssetName, EmbedAssets } from '../embed/build.js'

export type { EmbedAssetName, EmbedAssets }

/**
 * Set by a bundler that inlines the scripts into the function, as the Lambda bundle does:
 * esbuild `define: { PARLEY_EMBED_ASSETS: JSON.stringify(await buildEmbedAssets()) }`
 * (`buildEmbedAssets` from `functions/embed/build.ts`).
 */
declare const PARLEY_EMBED_ASSETS: EmbedAssets | undefined

export interface EmbedAsset {
  body: string
  etag: string
}

// Not a string literal, so no bundler follows it: esbuild itself never ends up inside the Lambda.
const BUILD_MODULE = new URL('../embed/build.ts', import.meta.url).href

let loading: Promise<Record<EmbedAssetName, EmbedAsset>> | undefined

async function load(): Promise<Record<EmbedAssetName, EmbedAsset>> {
  const assets =
    typeof PARLEY_EMBED_ASSETS !== 'undefined'
      ? PARLEY_EMBED_ASSETS
      : await (
          (await import(/* @vite-ignore */ BUILD_MODULE)) as typeof import('../embed/build.js')
        ).buildEmbedAssets()
  const entry = (body: string): EmbedAsset => ({
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  })
  return { 'embed.js': entry(assets['embed.js']), 'count.js': entry(assets['count.js']) }
}

/**
 * `embed.js` or `count.js`: the inlined copy in a bundle, else built from `functions/embed` once per
 * process (local mode and tests; about 100 ms on first use, never at start-up).
 */
export async function embedAsset(name: EmbedAssetName): Promise<EmbedAsset> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined
    throw error
  })
  return (await loading)[name]
}
