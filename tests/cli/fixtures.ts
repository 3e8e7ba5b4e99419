import { fileURLToPath } from 'node:url'

/** The import fixtures kept beside the repository (`../shared/fixtures/import`), by relative path. */
export const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../shared/fixtures/import/${name}`, import.meta.url))

/** WordPress's theme unit test data: threads ten deep, every status, authors and times. */
export const THEME = fixture('wordpress/theme-unit-test-data.xml')

/** `parley import wordpress` of {@link THEME} into `site` at `api`, with `extra` options. */
export const themeImportArgs = (api: string, site: string, ...extra: string[]) => [
  'import',
  'wordpress',
  THEME,
  '--api',
  api,
  '--site',
  site,
  ...extra,
]
