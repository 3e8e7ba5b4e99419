/**
 * Bytes a reader downloads for the widget: `embed.js` and `count.js` as built for production
 * (esbuild, minified, CSS inlined), gzipped at level 9 as CloudFront and most servers send them
 * (brotli shown too, for information).
 *
 * Budgets (issue 5): embed.js ≤ 12 KiB gzipped including its CSS, count.js ≤ 1.5 KiB gzipped.
 * - embed.js carries its CSS and English, so an English page's first render is one API request
 *   and no second file. The other five languages (2.6 KiB when they were all inside) are served
 *   beside it as `/embed/lang/<lang>.json`, fetched only by a widget that speaks one of them;
 *   their sizes are shown for information.
 * - count.js runs on index pages with many posts and does one thing.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { buildEmbedAssets, type EmbedAssetName } from '../functions/embed/build.js'
import { type BenchResult, runIfMain, verdict } from './bench-kit.js'

const BUDGETS: Record<EmbedAssetName, number> = { 'embed.js': 12 * 1024, 'count.js': 1.5 * 1024 }

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

export async function embedSize(): Promise<BenchResult> {
  const assets = await buildEmbedAssets()
  const rows = Object.entries(BUDGETS).map(([name, budget]) => {
    const text = assets[name as EmbedAssetName]
    const gzip = gzipSync(text, { level: 9 }).length
    const brotli = brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
    return { name, raw: Buffer.byteLength(text), gzip, brotli, budget, pass: gzip <= budget }
  })
  console.log('== embed-size ==')
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(9)} raw ${kib(r.raw).padStart(9)}  gzip ${kib(r.gzip).padStart(8)} (budget ${kib(r.budget)}, ${verdict(r.pass)})  brotli ${kib(r.brotli)}`,
    )
  }
  const packs = Object.entries(assets).filter(([name]) => name.endsWith('.json'))
  console.log(
    `language packs, gzip: ${packs.map(([name, text]) => `${name.replace(/^.*\//, '')} ${kib(gzipSync(text, { level: 9 }).length)}`).join(', ')}`,
  )
  return {
    name: 'embed-size',
    figures: rows.map((r) => `${r.name} ${kib(r.gzip)} gzip`).join(', '),
    budget: rows.map((r) => `${r.name} ≤ ${kib(r.budget)}`).join(', '),
    pass: rows.every((r) => r.pass),
  }
}

runIfMain(import.meta.url, embedSize)
