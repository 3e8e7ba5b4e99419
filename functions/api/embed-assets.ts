import { createHash } from 'node:crypto'
import type { EmbedAssetName, EmbedAssets } from '../embed/build.js'

export type { EmbedAssetName, EmbedAssets }

export interface EmbedAsset {
  body: string
  etag: string
}

// Not a string literal, so no bundler follows it: esbuild itself never ends up inside the Lambda.
const BUILD_MODULE = new URL('../embed/build.ts', import.meta.url).href

let loading: Promise<Record<EmbedAssetName, EmbedAsset>> | undefined

async function load(): Promise<Record<EmbedAssetName, EmbedAsset>> {
  const assets =
    (await import('./inlined-embed-assets.js')).inlinedEmbedAssets ??
    (await (
      (await import(/* @vite-ignore */ BUILD_MODULE)) as typeof import('../embed/build.js')
    ).buildEmbedAssets())
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
