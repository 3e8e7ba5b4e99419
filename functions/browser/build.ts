/**
 * The esbuild step both browser bundles share, the widget's (`functions/embed/build.ts`) and the
 * moderation page's (`functions/admin/build.ts`): each entry point becomes one minified IIFE, built
 * in memory. Runs in Node, under the root project (this folder's tsconfig is the browser code's).
 */
import { build } from 'esbuild'

/**
 * Each entry point's script by the entry's name; `define` replaces globals with JSON values;
 * `mangleProps` shortens the property names it matches (only names the bundle alone reads).
 */
export async function bundleScripts<Name extends string>(
  entryPoints: Record<Name, string>,
  define: Record<string, string> = {},
  mangleProps?: RegExp,
): Promise<Record<Name, string>> {
  const result = await build({
    entryPoints,
    bundle: true,
    minify: true,
    format: 'iife',
    // Browsers from 2022 on; older syntax (lowered optional chaining, …) costs bytes for no reader.
    target: ['es2022', 'chrome100', 'firefox100', 'safari15.4'],
    charset: 'utf8',
    define,
    ...(mangleProps && { mangleProps }),
    legalComments: 'none',
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  })
  const text = (name: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(`/${name}.js`))
    if (!file) throw new Error(`esbuild produced no ${name}.js`)
    return file.text
  }
  const names = Object.keys(entryPoints) as Name[]
  return Object.fromEntries(names.map((name) => [name, text(name)])) as Record<Name, string>
}
