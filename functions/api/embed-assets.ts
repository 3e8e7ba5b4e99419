import { createHash } from 'node:crypto'
import type { EmbedAssets } from '../embed/build.js'
import { loadOnce } from './load-once.js'

export type { EmbedAssets }

export interface EmbedAsset {
  body: string
  etag: string
  type: string
}

// Not a string literal, so no bundler follows it: esbuild itself never ends up inside the Lambda.
const BUILD_MODULE = new URL('../embed/build.ts', import.meta.url).href

const widgetFiles = loadOnce(async (): Promise<Map<string, EmbedAsset>> => {
  const assets =
    (await import('./inlined-embed-assets.js')).inlinedEmbedAssets ??
    (await (
      (await import(/* @vite-ignore */ BUILD_MODULE)) as typeof import('../embed/build.js')
    ).buildEmbedAssets())
  const entry = (name: string, body: string): [string, EmbedAsset] => [
    name,
    {
      body,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      type: name.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8',
    },
  ]
  return new Map(Object.entries(assets).map(([name, body]) => entry(name, body)))
})

/**
 * A file of the widget by its path without the leading `/`: `embed.js`, `count.js` or a language
 * pack (`embed/lang/de.json`). The inlined copy in a bundle, else built from `functions/embed` once
 * per process (local mode and tests; about 100 ms on first use, never at start-up).
 */
export async function embedAsset(name: string): Promise<EmbedAsset | undefined> {
  return (await widgetFiles()).get(name)
}
