/**
 * Bundles the Lambda function with esbuild: `functions/api/handler.ts` → `index.mjs` and the chunks
 * it loads, minified ESM with the AWS SDK inside (the lockfile decides its version, not the runtime).
 * Code splitting keeps what only some requests need (every route but the comments, in one chunk:
 * see `app.ts`; Markdown; the Secrets Manager client; the SDK's other credential providers) out of
 * what a cold start parses.
 * The widget's scripts, the moderation page's script and the OpenAPI document are made at build
 * time and inlined (see `inlined-embed-assets.ts`, `inlined-admin-script.ts`, `inlined-openapi.ts`),
 * so the function serves them from memory; so are the manifest's routing rules
 * (`inlined-route-rules.ts`, `inlined-app-routes.ts`), without the documentation a cold start does not need.
 *
 * `npx tsx functions/api/build.ts <outdir> [entry]` writes the deployable directory (infra runs it during
 * `cdk synth`, for the notifier with its entry); `bench/cold-start.ts` builds with {@link buildLambda} too, so it measures what ships.
 */
import { readFile, rm } from 'node:fs/promises'
import { basename, dirname, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild'
import { buildAdminScript } from '../admin/build.js'
import { buildEmbedAssets } from '../embed/build.js'
import { ROUTES } from './manifest/route-manifest.js'
import { appRoutes, routeRules } from './manifest/route-rules.js'
import { buildOpenApiDocument } from './openapi.js'

export const HANDLER_ENTRY = fileURLToPath(new URL('./handler.ts', import.meta.url))
/** The file Lambda loads: `index.handler`. */
export const ENTRY_FILE = 'index.mjs'

export interface LambdaBuildOptions {
  outdir: string
  /** What to bundle: the API's handler unless given (the cold-start bench's baseline gives its own). */
  entry?: { file: string } | { contents: string; resolveDir: string }
  /** Inline what the build makes: the widget's and the moderation page's scripts, the OpenAPI document. @default true with the handler */
  inlineGenerated?: boolean
}

/** A few CommonJS dependencies call require() for Node built-ins; an ESM bundle has no require. */
export const REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"

const options: BuildOptions = {
  absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
  bundle: true,
  splitting: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  // Syntax Lambda's nodejs24.x and local Node 20 both run.
  target: 'node20',
  mainFields: ['module', 'main'],
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  legalComments: 'none',
  metafile: true,
  logLevel: 'error',
  banner: { js: REQUIRE_BANNER },
}

/** The modules a bundle replaces with what they stand for, made at build time. */
const GENERATED: Record<string, () => Promise<string>> = {
  'inlined-embed-assets.ts': async () =>
    `export const inlinedEmbedAssets = ${JSON.stringify(await buildEmbedAssets())}`,
  'inlined-admin-script.ts': async () =>
    `export const inlinedAdminScript = ${JSON.stringify(await buildAdminScript())}`,
  // JSON.parse of a string parses faster than the same object as a literal.
  'inlined-route-rules.ts': async () =>
    `export const inlinedRouteRules = JSON.parse(${JSON.stringify(JSON.stringify(routeRules(ROUTES)))})`,
  'inlined-app-routes.ts': async () =>
    `export const inlinedAppRoutes = JSON.parse(${JSON.stringify(JSON.stringify(appRoutes(routeRules(ROUTES))))})`,
  'inlined-openapi.ts': async () =>
    `export const inlinedOpenApiDocument = JSON.parse(${JSON.stringify(JSON.stringify(buildOpenApiDocument()))})`,
}

const inlineGenerated = (): Plugin => ({
  name: 'inline-generated',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]functions[\\/]api[\\/]inlined-[a-z-]+\.ts$/ }, async ({ path }) => {
      const generate = GENERATED[basename(path)]
      if (!generate) throw new Error(`nothing generates ${path}`)
      return { contents: await generate(), loader: 'js' }
    })
  },
})

/**
 * Puts all of Parley's code that a cold start loads into one chunk beside the entry. esbuild's code
 * splitting makes a chunk per set of entry points sharing code, and every dynamically imported module
 * is an entry point: the eager graph came in as many files as there were sets of lazy chunks
 * sharing parts of it, each a file to read, parse and link at a cold start. A static import of the
 * entry appended to each of our own modules makes the eager graph shared by every entry point alike,
 * so it is one chunk. It changes no behaviour: the entry is always loaded before anything it imports
 * dynamically. (The SDK's own modules are left alone: appending to them defeats their tree shaking.)
 */
const oneEagerChunk = (entry: string): Plugin => ({
  name: 'one-eager-chunk',
  setup(plugin) {
    plugin.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (path === entry || path.includes(`${sep}node_modules${sep}`)) return undefined
      const contents = `${await readFile(path, 'utf8')}\nimport ${JSON.stringify(entry)};\n`
      return { contents, loader: 'ts', resolveDir: dirname(path) }
    })
  },
})

/** Builds into an emptied `outdir`; answers the entry file's path and esbuild's metafile. */
export async function buildLambda({
  outdir,
  entry = { file: HANDLER_ENTRY },
  inlineGenerated: inline = 'file' in entry && entry.file === HANDLER_ENTRY,
}: LambdaBuildOptions): Promise<{ entryFile: string; metafile: Metafile }> {
  await rm(outdir, { recursive: true, force: true })
  const result = await build({
    ...options,
    outdir,
    ...('file' in entry
      ? { entryPoints: { index: entry.file } }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'ts' } }),
    plugins: [
      ...(inline ? [inlineGenerated()] : []),
      ...('file' in entry ? [oneEagerChunk(entry.file)] : []),
    ],
  })
  return { entryFile: resolve(outdir, ENTRY_FILE), metafile: result.metafile as Metafile }
}

const script = process.argv[1]
if (script && pathToFileURL(resolve(script)).href === import.meta.url) {
  // Another entry (infra builds the notifier so) gets the same bundling, without the API's inlining.
  const [outdir, entry] = process.argv.slice(2)
  if (!outdir) throw new Error('usage: tsx functions/api/build.ts <outdir> [entry.ts]')
  const { entryFile } = await buildLambda({
    outdir: resolve(outdir),
    ...(entry !== undefined && { entry: { file: resolve(entry) } }),
  })
  console.log(`built ${entryFile}`)
}
