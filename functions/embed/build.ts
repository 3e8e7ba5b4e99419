/**
 * Bundles the browser scripts with esbuild: `src/embed.ts` → `embed.js` (the widget) and
 * `src/count.ts` → `count.js` (comment counts), each one minified IIFE with its CSS inside.
 * `npx tsx functions/embed/build.ts [outdir]` writes them to `dist/embed/` (or `outdir`); the API
 * and the infrastructure call {@link buildEmbedAssets} instead.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build, transform } from 'esbuild'

export type EmbedAssetName = 'embed.js' | 'count.js'
export type EmbedAssets = Record<EmbedAssetName, string>

const source = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url))

/** Both scripts as minified text, built in memory (about 100 ms). */
export async function buildEmbedAssets(): Promise<EmbedAssets> {
  const css = await transform(await readFile(source('style.css'), 'utf8'), { loader: 'css', minify: true })
  const result = await build({
    entryPoints: { embed: source('embed.ts'), count: source('count.ts') },
    bundle: true,
    minify: true,
    format: 'iife',
    // Browsers from 2022 on; older syntax (lowered optional chaining, …) costs bytes for no reader.
    target: ['es2022', 'chrome100', 'firefox100', 'safari15.4'],
    charset: 'utf8',
    define: { PARLEY_CSS: JSON.stringify(css.code.trim()) },
    legalComments: 'none',
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  })
  const text = (name: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(`/${name}`))
    if (!file) throw new Error(`esbuild produced no ${name}`)
    return file.text
  }
  return { 'embed.js': text('embed.js'), 'count.js': text('count.js') }
}

/** Writes both scripts into `outdir` (default `dist/embed`). */
export async function writeEmbedAssets(outdir = resolve('dist/embed')): Promise<EmbedAssets> {
  const assets = await buildEmbedAssets()
  await mkdir(outdir, { recursive: true })
  for (const [name, text] of Object.entries(assets)) await writeFile(resolve(outdir, name), text)
  return assets
}

const entry = process.argv[1]
if (entry && pathToFileURL(resolve(entry)).href === import.meta.url) {
  const assets = await writeEmbedAssets(process.argv[2] ? resolve(process.argv[2]) : undefined)
  for (const [name, text] of Object.entries(assets)) console.log(`${name}: ${text.length} bytes`)
}
