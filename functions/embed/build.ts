/**
 * Bundles the browser scripts with esbuild: `src/embed.ts` → `embed.js` (the widget, with its CSS
 * and its English words inside) and `src/count.ts` → `count.js` (comment counts), each one minified
 * IIFE (the esbuild step of `functions/browser/build.ts`, which the moderation page's script shares);
 * beside them the widget's other languages, `embed/lang/<lang>.json` (language-packs.ts).
 * `npx tsx functions/embed/build.ts [outdir]` writes them to `dist/embed/` (or `outdir`); the API
 * and the infrastructure call {@link buildEmbedAssets} instead.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { transform } from 'esbuild'
import { bundleScripts } from '../browser/build.js'
import { languagePacks, wordListOf } from './language-packs.js'

export type EmbedAssetName = 'embed.js' | 'count.js'
/** Each file's text by the path the API serves it at, without the leading `/`. */
export type EmbedAssets = Record<EmbedAssetName, string> & Record<string, string>

/**
 * Members the widget's modules pass among themselves end in `_` (`host.say_`, `storage.mine_()`),
 * so esbuild may shorten them; a name anything outside reads (DOM, API and stored JSON, the
 * page's `window.Parley`) never ends in `_`.
 */
const INTERNAL_NAME = /_$/

const source = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url))

/** Both scripts as minified text, built in memory (about 100 ms), and the language packs. */
export async function buildEmbedAssets(): Promise<EmbedAssets> {
  const css = await transform(await readFile(source('style.css'), 'utf8'), { loader: 'css', minify: true })
  // esbuild keeps the spaces inside custom properties (`--fg: var(--parley-text, #fff)`); none matters.
  const tight = css.code
    .trim()
    .replace(/(--[\w-]+): /g, '$1:')
    .replace(/(var\(--[\w-]+,|,) (?=[-\w"#])/g, '$1')
  const scripts = await bundleScripts(
    { embed: source('embed.ts'), count: source('count.ts') },
    { PARLEY_CSS: JSON.stringify(tight), PARLEY_WORDS: JSON.stringify(wordListOf('en')) },
    INTERNAL_NAME,
  )
  return { 'embed.js': scripts.embed, 'count.js': scripts.count, ...languagePacks() }
}

/** Writes every file into `outdir` (default `dist/embed`), by its path. */
export async function writeEmbedAssets(outdir = resolve('dist/embed')): Promise<EmbedAssets> {
  const assets = await buildEmbedAssets()
  for (const [name, text] of Object.entries(assets)) {
    const file = resolve(outdir, name)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, text)
  }
  return assets
}

const entry = process.argv[1]
if (entry && pathToFileURL(resolve(entry)).href === import.meta.url) {
  const assets = await writeEmbedAssets(process.argv[2] ? resolve(process.argv[2]) : undefined)
  for (const [name, text] of Object.entries(assets)) console.log(`${name}: ${text.length} bytes`)
}
