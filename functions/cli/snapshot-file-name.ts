import { CliError } from './cli-error.js'

/** The longest name written: well under every file system's 255 bytes. */
const MAX_NAME = 180

/**
 * The file a page's fragment is written to, from its URL alone, so a site generator's template
 * can name it too: the path and query without their outer slashes, each run of characters
 * other than `A-Z a-z 0-9 . _ -` one `-`, no leading dot; the site's root is `index`. A name
 * can hold no `/`, `\` or `..` of its own, so it stays in the output directory.
 * `https://blog.example/2026/hello-world/` → `2026-hello-world.html`.
 * @throws CliError when `pageUrl` is not an absolute http(s) URL
 */
export function snapshotFileName(pageUrl: string): string {
  const url = URL.parse(pageUrl)
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new CliError(`--page ${pageUrl}: not an absolute http(s) URL`)
  const name = `${url.pathname}${url.search}`
    .replace(/^\/+|\/+$/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, MAX_NAME)
  return `${name || 'index'}.html`
}
